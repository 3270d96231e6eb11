package dev.marketdata.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.service.HealthService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthHttpServerTest {

  private final AtomicBoolean connected = new AtomicBoolean(true);
  private final HealthService health = new HealthService(connected::get);
  private final HttpClient client = HttpClient.newHttpClient();
  private HealthHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackHealthServer.start(health);
  }

  @AfterEach
  void stop() {
    server.close();
    client.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyAnswers200WithAJsonBodyWhileConnected() throws Exception {
    HttpResponse<String> response = send("GET", "/health/ready");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals("{\"status\":\"UP\",\"state\":\"READY\"}", response.body());
  }

  @Test
  void readyAnswers503WhileNatsIsDownButLiveStays200() throws Exception {
    connected.set(false);

    HttpResponse<String> ready = send("GET", "/health/ready");
    HttpResponse<String> live = send("GET", "/health/live");

    assertEquals(503, ready.statusCode());
    assertEquals("{\"status\":\"DOWN\",\"state\":\"NOT_READY\"}", ready.body());
    assertEquals(200, live.statusCode());
    assertEquals("{\"status\":\"UP\",\"state\":\"NOT_READY\"}", live.body());
  }

  @Test
  void readyAnswers503OnceShutdownBegins() throws Exception {
    health.beginShutdown();

    HttpResponse<String> ready = send("GET", "/health/ready");

    assertEquals(503, ready.statusCode());
    assertEquals("{\"status\":\"DOWN\",\"state\":\"STOPPING\"}", ready.body());
  }

  @Test
  void headGivesTheStatusWithoutABody() throws Exception {
    HttpResponse<String> response = send("HEAD", "/health/live");

    assertEquals(200, response.statusCode());
    assertEquals("", response.body());
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    HttpResponse<String> missing = send("GET", "/nope");
    HttpResponse<String> posted = send("POST", "/health/ready");

    assertEquals(404, missing.statusCode());
    assertEquals(405, posted.statusCode());
    assertEquals("GET, HEAD", posted.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void theFirstScrapeAlreadyServesTheJvmAndProcessMetrics() throws Exception {
    HttpResponse<String> first = send("GET", "/metrics");
    HttpResponse<String> second = send("GET", "/metrics");

    assertEquals(200, first.statusCode());
    for (String family :
        List.of("jvm_memory_used_bytes", "jvm_threads_current", "process_start_time_seconds")) {
      assertTrue(
          first.body().contains("\n# TYPE " + family + " "), family + " in\n" + first.body());
      assertEquals(1, second.body().split("\n# TYPE " + family + " ", -1).length - 1, family);
    }
  }
}
