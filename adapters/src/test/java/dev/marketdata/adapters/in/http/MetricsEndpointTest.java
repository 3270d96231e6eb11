package dev.marketdata.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marketdata.application.service.HealthService;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One scrape at a time: the next waits its turn, then gets 503; health is never queued. */
class MetricsEndpointTest {

  @Test
  void aScrapeWaitsForTheOneBeforeItThenIsTurnedAwayWhileHealthStillAnswers() throws Exception {
    CountDownLatch inScrape = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PrometheusRegistry registry = new PrometheusRegistry();
    GaugeWithCallback.builder()
        .name("slow")
        .help("a collector that holds the scrape")
        .callback(
            callback -> {
              inScrape.countDown();
              awaitQuietly(release);
              callback.call(1);
            })
        .register(registry);
    try (HealthHttpServer server =
            new HealthHttpServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HealthService(() -> true),
                registry);
        HttpClient client = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + server.port();
      CompletableFuture<HttpResponse<String>> first =
          client.sendAsync(get(base + "/metrics"), HttpResponse.BodyHandlers.ofString());
      assertEquals(true, inScrape.await(10, TimeUnit.SECONDS), "the first scrape began");

      HttpResponse<String> ready =
          client.send(get(base + "/health/ready"), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> second =
          client.send(get(base + "/metrics"), HttpResponse.BodyHandlers.ofString());
      release.countDown();

      assertEquals(200, ready.statusCode());
      assertEquals(503, second.statusCode());
      assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
      assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
