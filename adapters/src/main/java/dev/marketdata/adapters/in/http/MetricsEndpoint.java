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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}, one scrape at a time: concurrent ones grew the heap past the container's
 * limit. Others wait up to {@link #TURN_WAIT}, then get a 503 (docs/operations.md).
 */
final class MetricsEndpoint implements HttpHandler {
  static final Duration TURN_WAIT = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final byte[] BUSY = "{\"error\":\"busy, retry\"}".getBytes(StandardCharsets.UTF_8);

  private final PrometheusRegistry registry;
  private final MetricsHandler exposition;
  private final Semaphore turn = new Semaphore(1, true);
  private boolean jvmRegistered;

  MetricsEndpoint(PrometheusRegistry registry) {
    this.registry = registry;
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
        registerJvmOnce();
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

  /** By the first scrape: registered at start, their classes filled the AOT cache (+2.4 MB). */
  private void registerJvmOnce() {
    if (jvmRegistered) {
      return;
    }
    jvmRegistered = true;
    try {
      JvmMetrics.builder().register(registry);
    } catch (RuntimeException | LinkageError e) {
      // The service's own metrics are still served; say what is missing, once.
      LOG.warn("JVM metrics unavailable: {}", String.valueOf(e));
    }
  }
}
