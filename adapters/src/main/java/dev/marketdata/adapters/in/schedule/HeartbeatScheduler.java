package dev.marketdata.adapters.in.schedule;

import dev.marketdata.adapters.config.Setting;
import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
import dev.marketdata.application.port.in.PublishResult;
import dev.marketdata.application.port.in.RestartHeartbeatUseCase;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat's timer: beats at a fixed rate on one thread, from start or from the latest
 * (re)connect; counts what became of each beat, and logs a line as an outage begins and ends.
 */
public final class HeartbeatScheduler implements RestartHeartbeatUseCase, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatScheduler.class);

  /** Below 100 ms a heartbeat is load, not a sign of life. */
  public static final Setting<Duration> INTERVAL =
      Setting.duration("HEARTBEAT_INTERVAL", "time between heartbeats", "5s", "100ms-1h");

  private final PublishHeartbeatUseCase heartbeats;
  private final Clock clock;
  private final Duration interval;
  private final Counter published;
  private final Counter dropped;
  private final Gauge lastPublished;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat").factory());
  private ScheduledFuture<?> schedule;
  private boolean publishedOnce;
  private long droppedInOutage;

  public HeartbeatScheduler(
      PublishHeartbeatUseCase heartbeats,
      Clock clock,
      Duration interval,
      PrometheusRegistry metrics) {
    this.heartbeats = heartbeats;
    this.clock = clock;
    this.interval = interval;
    this.published =
        Counter.builder()
            .name("marketdata_heartbeats_published")
            .help("Heartbeats handed to NATS")
            .register(metrics);
    this.dropped =
        Counter.builder()
            .name("marketdata_heartbeats_dropped")
            .help("Heartbeats dropped, never queued: NATS not connected, or not answering in time")
            .labelNames("reason")
            .register(metrics);
    // With the interval, an alert can tell "no heartbeat for three intervals" at any setting.
    this.lastPublished =
        Gauge.builder()
            .name("marketdata_heartbeat_last_published_timestamp_seconds")
            .help("When the latest heartbeat was handed to NATS (Unix time)")
            .register(metrics);
    Gauge.builder()
        .name("marketdata_heartbeat_interval_seconds")
        .help("Time between heartbeats")
        .register(metrics)
        .set(interval.toMillis() / 1000.0);
  }

  /** Beats at once, then every interval (unless a connect already started the beat). */
  public synchronized void start() {
    if (schedule == null) {
      restartHeartbeat();
    }
  }

  @Override
  public synchronized void restartHeartbeat() {
    if (executor.isShutdown()) {
      return;
    }
    if (schedule != null) {
      schedule.cancel(false);
    }
    schedule =
        executor.scheduleAtFixedRate(
            () -> {
              try {
                beat();
              } catch (RuntimeException e) {
                // An exception would cancel the schedule: the next beat may well succeed.
                LOG.warn("heartbeat failed: {}", String.valueOf(e));
              }
            },
            0,
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** One beat, worth delivering within one interval: what became of it is counted and logged. */
  void beat() {
    Instant now = clock.instant();
    PublishResult result = heartbeats.publishHeartbeat(new PublishHeartbeatCommand(now, interval));
    LOG.debug("heartbeat {}", result);
    if (result == PublishResult.PUBLISHED) {
      published.inc();
      lastPublished.set(now.toEpochMilli() / 1000.0);
      if (droppedInOutage > 0) {
        LOG.atInfo()
            .addKeyValue("heartbeatsDropped", droppedInOutage)
            .log("heartbeats resumed; {} dropped during the outage", droppedInOutage);
      }
      publishedOnce = true;
      droppedInOutage = 0;
    } else if (result.lostToOutage() && publishedOnce) {
      // Before the first heartbeat went out the service was starting: nothing was missed.
      dropped
          .labelValues(result == PublishResult.DROPPED_NO_ANSWER ? "no_answer" : "not_connected")
          .inc();
      if (droppedInOutage++ == 0) {
        LOG.atWarn()
            .addKeyValue("heartbeatResult", result.name())
            .log("heartbeats dropped, not queued, until NATS answers again ({})", result);
      }
    }
  }

  /** Stops beating, letting a beat in progress finish. */
  public boolean stop(Duration timeout) {
    synchronized (this) {
      executor.shutdown();
    }
    try {
      return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
