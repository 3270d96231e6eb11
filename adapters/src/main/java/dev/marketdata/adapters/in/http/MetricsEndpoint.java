package dev.marketdata.adapters.in.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the Prometheus client's own handler (text, or OpenMetrics when asked for).
 * The JVM's and the process's metrics are registered by the first scrape: their registration is the
 * costliest of all, nothing reads them before a scrape, and done at start (or at the first connect)
 * it competed for the CPU with the way to ready.
 */
final class MetricsEndpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final PrometheusRegistry registry;
  private final MetricsHandler exposition;
  private boolean jvmRegistered;

  MetricsEndpoint(PrometheusRegistry registry) {
    this.registry = registry;
    this.exposition = new MetricsHandler(registry);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    registerJvmOnce();
    exposition.handle(exchange);
  }

  /** Concurrent first scrapes wait for the one registration, so that none misses a family. */
  private synchronized void registerJvmOnce() {
    if (jvmRegistered) {
      return;
    }
    jvmRegistered = true;
    try {
      ProcessMetrics.registerJvm(registry);
    } catch (RuntimeException | LinkageError e) {
      // The service's own metrics are still served; say what is missing, once.
      LOG.warn("JVM metrics unavailable: {}", String.valueOf(e));
    }
  }
}
