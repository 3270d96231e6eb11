package dev.marketdata.bootstrap.wiring;

import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.adapters.in.http.ProcessMetrics;
import dev.marketdata.adapters.in.schedule.HeartbeatScheduler;
import dev.marketdata.adapters.in.schedule.HeartbeatTask;
import dev.marketdata.adapters.out.nats.NatsMessagingAdapter;
import dev.marketdata.adapters.out.nats.UrlMasking;
import dev.marketdata.application.service.HealthService;
import dev.marketdata.application.service.HeartbeatService;
import dev.marketdata.bootstrap.config.DurationText;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.domain.ServiceIdentity;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the hexagon by hand, starts it, and takes it down in order within a deadline. */
public final class ServiceGraph {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceGraph.class);
  private static final Duration HEARTBEAT_STOP_TIMEOUT = Duration.ofSeconds(1);

  private final ServiceConfig config;
  private final HealthService health;
  private final NatsMessagingAdapter nats;
  private final HealthHttpServer http;
  private final HeartbeatScheduler heartbeat;

  private ServiceGraph(
      ServiceConfig config,
      HealthService health,
      NatsMessagingAdapter nats,
      HealthHttpServer http,
      HeartbeatScheduler heartbeat) {
    this.config = config;
    this.health = health;
    this.nats = nats;
    this.http = http;
    this.heartbeat = heartbeat;
  }

  /**
   * Wires and starts everything. NATS connects in the background: the service is up (live) at once
   * and becomes ready when NATS answers.
   */
  public static ServiceGraph start(
      ServiceConfig config, String version, String revision, Clock clock) throws IOException {
    PrometheusRegistry metrics = ProcessMetrics.registryFor(version, revision, config.clientId());
    NatsMessagingAdapter nats = new NatsMessagingAdapter(config.natsSettings(), metrics, clock);
    HealthService health = new HealthService(nats);
    HeartbeatService heartbeats =
        new HeartbeatService(
            new ServiceIdentity(config.clientId(), version, clock.instant()), health, nats);
    HeartbeatScheduler heartbeat =
        new HeartbeatScheduler(
            new HeartbeatTask(heartbeats, clock, config.heartbeatInterval(), metrics),
            config.heartbeatInterval());
    // Connecting first: readiness waits on NATS' answer, and binding is quick by comparison.
    // Each (re)connect beats at once: consumers hear of this instance without waiting an interval.
    nats.connect(heartbeat::restartFromNow);
    HealthHttpServer http;
    try {
      http = HealthHttpServer.bind(config.healthAddress(), health);
    } catch (IOException e) {
      nats.close();
      throw e;
    }
    // The rest of the start runs while NATS answers.
    http.serve(metrics);
    heartbeat.start();
    LOG.atInfo()
        .addKeyValue("healthPort", http.port())
        .addKeyValue("natsServers", UrlMasking.mask(String.join(",", config.natsServers())))
        .addKeyValue("clientId", config.clientId())
        .addKeyValue("heartbeatSubject", config.natsSettings().heartbeatSubject())
        .log("started");
    return new ServiceGraph(config, health, nats, http, heartbeat);
  }

  /** The port the health endpoints listen on (the one the system chose, for port 0). */
  public int healthPort() {
    return http.port();
  }

  /**
   * Not-ready, heartbeat off, NATS drained (or closed), HTTP off; all within the shutdown timeout.
   */
  public ShutdownOutcome shutdown() {
    long start = System.nanoTime();
    Duration deadline = config.shutdownTimeout();
    // Here, not among the steps: instant, and logged before any step that could still be running
    // (and logging) past the deadline.
    health.beginShutdown();
    LOG.info("stopping: reporting not-ready");
    CompletableFuture<Boolean> steps = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("shutdown-steps")
        .daemon()
        .start(
            () -> {
              try {
                steps.complete(stopInOrder());
              } catch (RuntimeException e) {
                steps.completeExceptionally(e);
              }
            });
    boolean clean = false;
    boolean drained = false;
    try {
      drained = steps.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      clean = true;
    } catch (TimeoutException e) {
      LOG.error("shutdown deadline of {} exceeded", DurationText.format(deadline));
    } catch (ExecutionException e) {
      LOG.error("shutdown step failed: {}", String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ShutdownOutcome(clean, drained, Duration.ofNanos(System.nanoTime() - start));
  }

  private boolean stopInOrder() {
    if (!heartbeat.stop(HEARTBEAT_STOP_TIMEOUT)) {
      heartbeat.close();
    }
    boolean drained = nats.drain(config.drainTimeout());
    http.close();
    return drained;
  }
}
