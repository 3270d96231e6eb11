package dev.marketdata.adapters.in.schedule;

import dev.marketdata.adapters.config.Setting;
import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
import dev.marketdata.application.port.in.PublishResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One heartbeat: publishes it, worth delivering within one interval, counts what became of it, and
 * reports outages as {@link HeartbeatOutages} decides. Run by one scheduler thread at a time.
 */
public final class HeartbeatTask implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatTask.class);

  /** Below 100 ms a heartbeat is load, not a sign of life. */
  public static final Setting<Duration> INTERVAL =
      Setting.duration("HEARTBEAT_INTERVAL", "time between heartbeats", "5s", "100ms-1h");

  private final PublishHeartbeatUseCase heartbeats;
  private final Clock clock;
  private final Duration interval;
  private final HeartbeatOutages outages = new HeartbeatOutages();
  private final Counter published;
  private final Counter dropped;
  private final Gauge lastPublished;

  public HeartbeatTask(
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

  Duration interval() {
    return interval;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    PublishResult result = heartbeats.publishHeartbeat(new PublishHeartbeatCommand(now, interval));
    LOG.debug("heartbeat {}", result);
    switch (result) {
      case PUBLISHED -> {
        published.inc();
        lastPublished.set(now.toEpochMilli() / 1000.0);
      }
      // Before the first heartbeat went out the service was starting: nothing was missed.
      case SKIPPED_NOT_CONNECTED -> countDropped("not_connected");
      case DROPPED_NO_ANSWER -> countDropped("no_answer");
      case SKIPPED_STOPPING -> {}
    }
    outages.record(result).ifPresent(HeartbeatTask::log);
  }

  private void countDropped(String reason) {
    if (outages.publishedOnce()) {
      dropped.labelValues(reason).inc();
    }
  }

  private static void log(HeartbeatOutages.Report report) {
    switch (report) {
      case HeartbeatOutages.Began(PublishResult cause) ->
          LOG.atWarn()
              .addKeyValue("heartbeatResult", cause.name())
              .log("heartbeats dropped, not queued, until NATS answers again ({})", cause);
      case HeartbeatOutages.Ended(long count) ->
          LOG.atInfo()
              .addKeyValue("heartbeatsDropped", count)
              .log("heartbeats resumed; {} dropped during the outage", count);
    }
  }
}
