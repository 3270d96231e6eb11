package dev.marketdata.adapters.in.schedule;

import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
import dev.marketdata.application.port.in.PublishResult;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat").factory());

  public HeartbeatScheduler(PublishHeartbeatUseCase heartbeats, Clock clock, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    this.heartbeats = heartbeats;
    this.clock = clock;
    this.interval = interval;
  }

  public void start() {
    // beat() catches everything, so the future can never carry an exception worth reading.
    var unused =
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
    executor.shutdown();
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
