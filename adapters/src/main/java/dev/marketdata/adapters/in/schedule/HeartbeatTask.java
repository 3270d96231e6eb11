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
 * logs a line as an outage begins and one as it ends. Run by one scheduler thread at a time.
 */
public final class HeartbeatTask implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatTask.class);

  /** Below 100 ms a heartbeat is load, not a sign of life. */
  public static final Setting<Duration> INTERVAL =
      Setting.duration("HEARTBEAT_INTERVAL", "time between heartbeats", "5s", "100ms-1h");

  private final PublishHeartbeatUseCase heartbeats;
  private final Clock clock;
  private final Duration interval;
  private final Counter published;
  private final Counter dropped;
  private final Gauge lastPublished;
  private boolean publishedOnce;
  private long droppedInOutage;

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
}
