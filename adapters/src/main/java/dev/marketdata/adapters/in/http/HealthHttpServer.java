package dev.marketdata.adapters.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.marketdata.application.port.in.CheckHealthUseCase;
import dev.marketdata.application.port.in.HealthQuery;
import dev.marketdata.application.port.in.HealthReport;
import dev.marketdata.application.port.in.Probe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Serves {@code GET /health/live} and {@code GET /health/ready} on the JDK's built-in HTTP server.
 */
public final class HealthHttpServer implements AutoCloseable {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";

  private static final Map<String, Probe> ROUTES =
      Map.of(LIVE_PATH, Probe.LIVENESS, READY_PATH, Probe.READINESS);

  private final HttpServer server;
  private final CheckHealthUseCase health;
  private final ObjectMapper json = new ObjectMapper();

  private HealthHttpServer(HttpServer server, CheckHealthUseCase health) {
    this.server = server;
    this.health = health;
  }

  /**
   * Binds and starts serving.
   *
   * @param address where to listen; port 0 picks a free one
   * @param health answers the probes
   * @return the running server
   * @throws IOException when the address cannot be bound (port taken, no permission)
   */
  public static HealthHttpServer start(InetSocketAddress address, CheckHealthUseCase health)
      throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    HealthHttpServer healthServer = new HealthHttpServer(server, health);
    server.createContext("/", healthServer::handle);
    server.start();
    return healthServer;
  }

  /** The bound port, useful when started on port 0. */
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
      HealthReport report = health.check(new HealthQuery(probe));
      respond(exchange, report.up() ? 200 : 503, HealthBody.from(report));
    }
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
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
  }
}
