package dev.marketdata.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.service.HealthService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The health server under slow, idle and hostile peers, as an orchestrator's probes meet them. Side
 * by side: each test has a server of its own, and two of them wait out the server's timeouts.
 */
@Execution(ExecutionMode.CONCURRENT)
class HealthHttpServerAbuseTest {

  private static final int SLOWLORIS_PEERS = 200;
  // A server held by the peers would answer only when they time out (maxReqTime, 5 s); beside two
  // busy loops a free one took over 1 s once. 4 s tells the two apart.
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(4);

  private final HealthService health = new HealthService(() -> true);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
  private final List<Socket> peers = new ArrayList<>();
  private HealthHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackHealthServer.start(health);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket peer : peers) {
      peer.close();
    }
    server.close();
    client.close();
  }

  private Socket slowPeer(String firstBytes) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    peers.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(firstBytes.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private int live() throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
                .timeout(PROBE_TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void twoHundredSlowlorisPeersDoNotDelayLiveness() throws Exception {
    for (int i = 0; i < SLOWLORIS_PEERS; i++) {
      slowPeer("G");
    }

    List<Integer> statuses = new ArrayList<>();
    for (int poll = 0; poll < 15; poll++) {
      statuses.add(live());
    }

    assertEquals(
        List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        statuses);
  }

  @Test
  void aPeerThatNeverFinishesItsRequestIsDisconnected() throws IOException {
    Socket peer = slowPeer("GET /health/live HTTP/1.1\r\nHost: x\r\n");
    peer.setSoTimeout(30_000);
    InputStream in = peer.getInputStream();

    int read = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readOrReset(in));

    assertEquals(-1, read, "the server answered instead of hanging up");
  }

  @Test
  void aPeerThatSendsNothingIsDisconnected() throws IOException {
    Socket peer = slowPeer("");
    peer.setSoTimeout(30_000);
    InputStream in = peer.getInputStream();

    int read = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readOrReset(in));

    assertEquals(-1, read);
  }

  @Test
  void oversizedHeadersAreRefused() throws Exception {
    Socket peer =
        slowPeer(
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: "
                + "a".repeat(16 * 1024)
                + "\r\n\r\n");
    peer.setSoTimeout(10_000);

    String answer;
    try {
      answer = new String(peer.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    } catch (SocketException e) {
      answer = "(connection reset)";
    }

    // Refused either way: a 431 answer, or a reset while the rest of the headers was unread.
    assertTrue(answer.startsWith("HTTP/1.1 431") || answer.equals("(connection reset)"), answer);
  }

  /** -1 when the server closed or reset the connection. */
  private static int readOrReset(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException e) {
      return -1;
    }
  }
}
