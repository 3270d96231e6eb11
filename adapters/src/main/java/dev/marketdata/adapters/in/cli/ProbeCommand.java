package dev.marketdata.adapters.in.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;

/** {@code --probe}: asks the local instance whether it is ready (GET of its readiness path). */
public final class ProbeCommand {
  /** Connect and read timeout, each: well inside an orchestrator's usual 5 s. */
  static final int TIMEOUT_MILLIS = 2000;

  private ProbeCommand() {}

  public static boolean ready(InetSocketAddress address, String path, PrintStream out) {
    String host = address.getAddress().getHostAddress();
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    try {
      URL url = URI.create("http://" + authority + path).toURL();
      HttpURLConnection connection = (HttpURLConnection) url.openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      int status = connection.getResponseCode();
      connection.disconnect();
      out.println(status == 200 ? "ready" : "not ready: HTTP " + status);
      return status == 200;
    } catch (IOException e) {
      out.println("not ready: " + e.getMessage());
      return false;
    }
  }
}
