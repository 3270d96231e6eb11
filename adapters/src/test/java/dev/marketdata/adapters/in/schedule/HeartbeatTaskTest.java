package dev.marketdata.adapters.in.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatTaskTest {

  private static double counter(PrometheusRegistry metrics, String name, Labels labels) {
    return metrics.scrape().stream()
        .filter(snapshot -> snapshot.getMetadata().getName().equals(name))
        .map(CounterSnapshot.class::cast)
        .flatMap(snapshot -> snapshot.getDataPoints().stream())
        .filter(point -> point.getLabels().equals(labels))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }

  @Test
  void eachBeatCarriesTheClocksInstantAndIsValidForOneInterval() {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    Duration interval = Duration.ofSeconds(5);
    List<PublishHeartbeatCommand> sent = new ArrayList<>();
    HeartbeatTask task =
        new HeartbeatTask(
            command -> {
              sent.add(command);
              return PublishResult.PUBLISHED;
            },
            Clock.fixed(now, ZoneOffset.UTC),
            interval,
            new PrometheusRegistry());

    task.run();

    assertEquals(List.of(new PublishHeartbeatCommand(now, interval)), sent);
  }

  private static double gauge(PrometheusRegistry metrics, String name) {
    return metrics.scrape().stream()
        .filter(snapshot -> snapshot.getMetadata().getName().equals(name))
        .map(GaugeSnapshot.class::cast)
        .flatMap(snapshot -> snapshot.getDataPoints().stream())
        .mapToDouble(GaugeSnapshot.GaugeDataPointSnapshot::getValue)
        .sum();
  }

  @Test
  void exposesTheIntervalAndWhenTheLatestHeartbeatWentOut() {
    Instant now = Instant.parse("2026-11-27T10:00:00.500Z");
    PrometheusRegistry metrics = new PrometheusRegistry();
    HeartbeatTask task =
        new HeartbeatTask(
            c -> PublishResult.PUBLISHED,
            Clock.fixed(now, ZoneOffset.UTC),
            Duration.ofMillis(2500),
            metrics);

    task.run();

    assertEquals(2.5, gauge(metrics, "marketdata_heartbeat_interval_seconds"));
    assertEquals(
        now.toEpochMilli() / 1000.0,
        gauge(metrics, "marketdata_heartbeat_last_published_timestamp_seconds"));
  }

  @Test
  void countsPublishedAndDroppedHeartbeatsByReason() {
    Iterator<PublishResult> results =
        List.of(
                PublishResult.PUBLISHED,
                PublishResult.SKIPPED_NOT_CONNECTED,
                PublishResult.DROPPED_NO_ANSWER,
                PublishResult.DROPPED_NO_ANSWER,
                PublishResult.SKIPPED_STOPPING)
            .iterator();
    PrometheusRegistry metrics = new PrometheusRegistry();
    HeartbeatTask task =
        new HeartbeatTask(c -> results.next(), Clock.systemUTC(), Duration.ofSeconds(1), metrics);

    for (int beat = 0; beat < 5; beat++) {
      task.run();
    }

    assertEquals(1, counter(metrics, "marketdata_heartbeats_published", Labels.EMPTY));
    assertEquals(
        1, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "not_connected")));
    assertEquals(
        2, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "no_answer")));
  }

  @Test
  void nothingIsCountedAsDroppedBeforeTheFirstHeartbeatWentOut() {
    Iterator<PublishResult> results =
        List.of(
                PublishResult.SKIPPED_NOT_CONNECTED,
                PublishResult.DROPPED_NO_ANSWER,
                PublishResult.PUBLISHED,
                PublishResult.SKIPPED_NOT_CONNECTED)
            .iterator();
    PrometheusRegistry metrics = new PrometheusRegistry();
    HeartbeatTask task =
        new HeartbeatTask(c -> results.next(), Clock.systemUTC(), Duration.ofSeconds(1), metrics);

    for (int beat = 0; beat < 4; beat++) {
      task.run();
    }

    assertEquals(
        1, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "not_connected")));
    assertEquals(
        0, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "no_answer")));
  }
}
