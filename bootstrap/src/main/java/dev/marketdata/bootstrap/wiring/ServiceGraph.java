package dev.marketdata.bootstrap.wiring;

import dev.marketdata.adapters.config.DurationText;
import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.adapters.in.schedule.HeartbeatScheduler;
import dev.marketdata.adapters.out.nats.NatsConnection;
import dev.marketdata.adapters.out.nats.NatsHeartbeatPublisher;
import dev.marketdata.application.service.HealthService;
import dev.marketdata.application.service.HeartbeatService;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.domain.ServiceIdentity;
import io.prometheus.metrics.core.metrics.Info;
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
public record ServiceGraph(
    ServiceConfig config,
    HealthService health,
    NatsConnection nats,
    HealthHttpServer http,
    HeartbeatScheduler heartbeat) {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceGraph.class);
  private static final Duration HEARTBEAT_STOP_TIMEOUT = Duration.ofSeconds(1);

  /** Live at once; ready when NATS answers, which it is asked to first, in the background. */
  public static ServiceGraph start(ServiceConfig config, Clock clock) throws IOException {
    String clientId = config.nats().clientId();
    PrometheusRegistry metrics = new PrometheusRegistry();
    // Alerts take the replica's serviceId from here, as its heartbeats name it.
    Info.builder()
        .name("marketdata_build_info")
        .help("The build of this instance, and its serviceId")
        .labelNames("version", "revision", "service_id")
        .register(metrics)
        .addLabelValues(BuildInfo.version(), BuildInfo.revision(), clientId);
    NatsConnection nats = new NatsConnection(config.nats(), metrics, clock);
    HealthService health = new HealthService(nats);
    HeartbeatService heartbeats =
        new HeartbeatService(
            new ServiceIdentity(clientId, BuildInfo.version(), clock.instant()),
            health,
            new NatsHeartbeatPublisher(nats, config.nats()));
    HeartbeatScheduler heartbeat =
        new HeartbeatScheduler(heartbeats, clock, config.heartbeatInterval(), metrics);
    nats.connect(heartbeat);
    HealthHttpServer server;
    try {
      server = new HealthHttpServer(config.http().address(), health, metrics);
    } catch (IOException e) {
      nats.close();
      throw e;
    }
    heartbeat.start();
    LOG.atInfo()
        .addKeyValue("healthPort", server.port())
        .addKeyValue("natsServers", config.nats().shownServers())
        .addKeyValue("clientId", clientId)
        .addKeyValue("heartbeatSubject", config.nats().heartbeatSubject())
        .log("started");
    return new ServiceGraph(config, health, nats, server, heartbeat);
  }

  /** Not-ready, heartbeat off, NATS drained (or closed), HTTP off; all within the deadline. */
  public int shutdown() {
    long start = System.nanoTime();
    Duration deadline = config.shutdownTimeout();
    // Instant, and logged before any step that could still be running past the deadline.
    health.beginShutdown();
    LOG.info("stopping: reporting not-ready");
    CompletableFuture<Boolean> steps =
        CompletableFuture.supplyAsync(
            this::stopInOrder,
            task -> Thread.ofPlatform().name("shutdown-steps").daemon().start(task));
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
    return stopped(clean, drained, start);
  }

  /** Logs the service's last line, which says how it stopped, and returns the exit code. */
  public static int stopped(boolean clean, boolean natsDrained, long startNanos) {
    int exitCode = clean ? ExitCode.OK : ExitCode.FAILURE;
    LOG.atInfo()
        .addKeyValue("exitCode", exitCode)
        .addKeyValue("natsDrained", natsDrained)
        .addKeyValue("shutdownMillis", Duration.ofNanos(System.nanoTime() - startNanos).toMillis())
        .log("stopped");
    return exitCode;
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
