package dev.marketdata.bootstrap.training;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the NATS protocol (INFO, CONNECT, PING/PONG, PUB) for the AOT training run to go
 * through the connected path: handshake, heartbeat publishing and drain. An image build has no NATS
 * server, and without this the cache would miss every class of that path (about 25 ms of each
 * container start). Used by {@code --train} only; it never serves a real client.
 */
final class TrainingNatsServer implements AutoCloseable {

  private static final byte[] INFO =
      ("INFO {\"server_id\":\"aot-training\",\"server_name\":\"aot-training\","
              + "\"version\":\"2.10.0\",\"proto\":1,\"headers\":true,\"max_payload\":1048576}\r\n")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;

  TrainingNatsServer() throws IOException {
    socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("aot-training-nats").start(this::serve);
  }

  String url() {
    return "nats://127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException e) {
        // The client hung up, or close() was called: accept the next one or stop.
      }
    }
  }

  private static void converse(Socket client) throws IOException {
    InputStream in = new BufferedInputStream(client.getInputStream());
    OutputStream out = client.getOutputStream();
    out.write(INFO);
    out.flush();
    for (String line = readLine(in); line != null; line = readLine(in)) {
      if (line.startsWith("PING")) {
        out.write(PONG);
        out.flush();
      } else if (line.startsWith("PUB ") || line.startsWith("HPUB ")) {
        String[] parts = line.split(" ", -1);
        in.skipNBytes(Long.parseLong(parts[parts.length - 1]) + 2);
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).strip();
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
