package dev.marketdata.adapters.in.schedule;

import dev.marketdata.application.port.in.RestartHeartbeatUseCase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the heartbeat at a fixed rate on one thread, from start or from the latest (re)connect. */
public final class HeartbeatScheduler implements RestartHeartbeatUseCase, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatScheduler.class);

  private final Runnable beat;
  private final Duration interval;
  private ScheduledFuture<?> schedule;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat").factory());

  public HeartbeatScheduler(HeartbeatTask task) {
    this(task, task.interval());
  }

  HeartbeatScheduler(Runnable beat, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    this.beat = beat;
    this.interval = interval;
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
        executor.scheduleAtFixedRate(this::beatOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beatOnce() {
    try {
      beat.run();
    } catch (RuntimeException e) {
      // An exception would cancel the schedule: the next beat may well succeed.
      LOG.warn("heartbeat failed: {}", String.valueOf(e));
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
