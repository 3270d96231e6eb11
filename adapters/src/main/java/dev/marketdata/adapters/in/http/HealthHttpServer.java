package dev.marketdata.adapters.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.marketdata.application.port.in.CheckHealthUseCase;
import dev.marketdata.application.port.in.HealthReport;
import dev.marketdata.application.port.in.Probe;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The health endpoints and {@code /metrics} on the JDK's HTTP server. Requests run on virtual
 * threads, so a slow peer blocks nobody; the server's limits close idle and slow connections.
 */
public final class HealthHttpServer implements AutoCloseable {
  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  public static final String METRICS_PATH = "/metrics";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Probe> ROUTES =
      Map.of(LIVE_PATH, Probe.LIVENESS, READY_PATH, Probe.READINESS);

  /**
   * The JDK server's limits ({@code sun.net.httpserver.*}, read once per JVM). Each can still be
   * overridden with {@code -D} on the command line; these are the defaults this service needs.
   */
  static final Map<String, String> SERVER_LIMITS =
      Map.of(
          // seconds to receive a whole request, and to send a response
          "sun.net.httpserver.maxReqTime", "5",
          "sun.net.httpserver.maxRspTime", "5",
          // seconds a kept-alive connection may idle
          "sun.net.httpserver.idleInterval", "10",
          // open connections; far above what probes and a scraper use, and a cap on memory
          "jdk.httpserver.maxConnections", "512",
          "sun.net.httpserver.maxIdleConnections", "64",
          // a probe sends a few short headers
          "sun.net.httpserver.maxReqHeaders", "32",
          "sun.net.httpserver.maxReqHeaderSize", "8192");

  private record Body(String status, String state) {}

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http").factory());
  private final CheckHealthUseCase health;

  /** Binds and starts answering; a taken port throws before anything else is set up. */
  public HealthHttpServer(
      InetSocketAddress address, CheckHealthUseCase health, PrometheusRegistry metrics)
      throws IOException {
    SERVER_LIMITS.forEach(
        (property, value) -> {
          if (System.getProperty(property) == null) {
            System.setProperty(property, value);
          }
        });
    this.server = HttpServer.create(address, 64);
    this.health = health;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.createContext(METRICS_PATH, new MetricsEndpoint(metrics));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Probe probe = ROUTES.get(exchange.getRequestURI().getPath());
      if (probe == null) {
        respond(exchange, 404, Map.of("error", "not found"));
        return;
      }
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, Map.of("error", "method not allowed"));
        return;
      }
      HealthReport report = health.check(probe);
      respond(
          exchange,
          report.up() ? 200 : 503,
          new Body(report.up() ? "UP" : "DOWN", report.state().name()));
    }
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops at once: by the time this runs, the service already reports not-ready. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
