package dev.marketdata.adapters.in.schedule;

import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
import dev.marketdata.application.port.in.PublishResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the heartbeat use case at a fixed rate. Each heartbeat is valid for one interval: the next
 * one supersedes it. Heartbeats lost to an outage are counted and reported once per outage, not
 * once per beat.
 */
public final class HeartbeatScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatScheduler.class);

  private final PublishHeartbeatUseCase heartbeats;
  private final Clock clock;
  private final Duration interval;
  private boolean publishedOnce;
  private long lostInOutage;
  private final Counter published;
  private final Counter dropped;
  private ScheduledFuture<?> schedule;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat").factory());

  /**
   * Creates the scheduler and its metrics.
   *
   * @param heartbeats the use case it drives
   * @param clock where the moment of each heartbeat comes from
   * @param interval time between heartbeats; also how long each one stays valid
   * @param metrics where its counters are registered
   */
  public HeartbeatScheduler(
      PublishHeartbeatUseCase heartbeats,
      Clock clock,
      Duration interval,
      PrometheusRegistry metrics) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
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
  }

  /** Beats at once, then every interval (unless a connect already started the beat). */
  public synchronized void start() {
    if (schedule == null) {
      restartFromNow();
    }
  }

  /**
   * Beats at once and every interval from now on: called when NATS (re)connects, so that consumers
   * hear of this instance without waiting out an interval.
   */
  public synchronized void restartFromNow() {
    if (executor.isShutdown()) {
      return;
    }
    if (schedule != null) {
      schedule.cancel(false);
    }
    // beat() catches everything, so the future can never carry an exception worth reading.
    schedule =
        executor.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      PublishResult result =
          heartbeats.publishHeartbeat(new PublishHeartbeatCommand(clock.instant(), interval));
      LOG.debug("heartbeat {}", result);
      account(result);
    } catch (RuntimeException e) {
      // A failed beat must not cancel the schedule: the next one may well succeed.
      LOG.warn("heartbeat failed: {}", String.valueOf(e));
    }
  }

  /**
   * Only ever called from the one scheduler thread. Before the first connect there is no outage to
   * report, only a start-up.
   */
  private void account(PublishResult result) {
    switch (result) {
      case PUBLISHED -> published.inc();
      case SKIPPED_NOT_CONNECTED -> dropped.labelValues("not_connected").inc();
      case DROPPED_NO_ANSWER -> dropped.labelValues("no_answer").inc();
      case SKIPPED_STOPPING -> {}
    }
    if (result == PublishResult.PUBLISHED) {
      publishedOnce = true;
      if (lostInOutage > 0) {
        LOG.atInfo()
            .addKeyValue("heartbeatsDropped", lostInOutage)
            .log("heartbeats resumed; {} dropped during the outage", lostInOutage);
        lostInOutage = 0;
      }
    } else if (result.lostToOutage() && publishedOnce && lostInOutage++ == 0) {
      LOG.atWarn()
          .addKeyValue("heartbeatResult", result.name())
          .log("heartbeats dropped, not queued, until NATS answers again ({})", result);
    }
  }

  /**
   * Stops beating, letting a beat in progress finish.
   *
   * @param timeout how long to wait for a beat in progress
   * @return whether the scheduler stopped within the timeout
   */
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
