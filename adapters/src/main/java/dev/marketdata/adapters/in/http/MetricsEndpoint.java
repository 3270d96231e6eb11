package dev.marketdata.adapters.in.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics}, one scrape at a time: concurrent ones grew the heap past the container's
 * limit. Others wait up to {@link #TURN_WAIT}, then get a 503 (docs/operations.md).
 */
final class MetricsEndpoint implements HttpHandler {
  static final Duration TURN_WAIT = Duration.ofSeconds(2);

  private static final byte[] BUSY = "{\"error\":\"busy, retry\"}".getBytes(StandardCharsets.UTF_8);

  private final MetricsHandler exposition;
  private final Semaphore turn = new Semaphore(1, true);

  MetricsEndpoint(PrometheusRegistry registry) {
    JvmMetrics.builder().register(registry);
    this.exposition = new MetricsHandler(registry);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!turn.tryAcquire(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        busy(exchange);
        return;
      }
      try {
        exposition.handle(exchange);
      } finally {
        turn.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void busy(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Retry-After", "1");
    exchange.sendResponseHeaders(503, BUSY.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(BUSY);
    }
  }
}
