package dev.marketdata.bootstrap.probe;

import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.bootstrap.config.ConfigLoader;
import dev.marketdata.bootstrap.config.Environment;
import dev.marketdata.bootstrap.config.InvalidConfigException;
import dev.marketdata.bootstrap.process.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks the local health endpoint over a plain socket. Kept free of HTTP clients, JSON and logging
 * so that a container HEALTHCHECK costs as little as possible.
 */
public final class ReadinessProbe {

  /** Connect and read timeout of one probe, each: well inside the HEALTHCHECK's 5 s. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private ReadinessProbe() {}

  /**
   * The {@code --probe} mode: asks the instance this environment configures whether it is ready.
   */
  public static int check(PrintStream out) {
    InetSocketAddress address;
    try {
      address = ConfigLoader.probeAddress(Environment.read().variables());
    } catch (InvalidConfigException e) {
      out.println("not ready: " + e.getMessage());
      return ExitCode.FAILURE;
    }
    try {
      int status = status(address, HealthHttpServer.READY_PATH, TIMEOUT);
      out.println(status == 200 ? "ready" : "not ready: HTTP " + status);
      return status == 200 ? ExitCode.OK : ExitCode.FAILURE;
    } catch (IOException e) {
      out.println("not ready: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }

  /** The HTTP status of {@code GET path}. */
  public static int status(InetSocketAddress address, String path, Duration timeout)
      throws IOException {
    int millis = Math.toIntExact(timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(address, millis);
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String statusLine = in.readLine();
      String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP answer: " + statusLine);
      }
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP status line: " + statusLine, e);
      }
    }
  }
}
