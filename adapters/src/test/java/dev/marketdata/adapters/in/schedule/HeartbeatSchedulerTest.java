package dev.marketdata.adapters.in.schedule;

import static dev.marketdata.application.port.in.PublishResult.DROPPED_NO_ANSWER;
import static dev.marketdata.application.port.in.PublishResult.PUBLISHED;
import static dev.marketdata.application.port.in.PublishResult.SKIPPED_NOT_CONNECTED;
import static dev.marketdata.application.port.in.PublishResult.SKIPPED_STOPPING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HeartbeatSchedulerTest {

  private static HeartbeatScheduler scheduler(PublishHeartbeatUseCase beat, Duration interval) {
    return new HeartbeatScheduler(beat, Clock.systemUTC(), interval, new PrometheusRegistry());
  }

  @Test
  void beatsRepeatedlyAndKeepsGoingAfterAFailure() {
    AtomicInteger calls = new AtomicInteger();
    HeartbeatScheduler scheduler =
        scheduler(
            command -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first beat fails");
              }
              return PublishResult.PUBLISHED;
            },
            Duration.ofMillis(20));

    scheduler.start();

    await("three beats").atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
  }

  @Test
  void aReconnectBeatsAtOnceInsteadOfWaitingOutTheInterval() {
    AtomicInteger calls = new AtomicInteger();
    HeartbeatScheduler scheduler =
        scheduler(
            command -> {
              calls.incrementAndGet();
              return PublishResult.PUBLISHED;
            },
            Duration.ofHours(1));
    scheduler.start();
    await("first beat").atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);

    scheduler.restartHeartbeat();

    await("beat on reconnect").atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2);
    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
  }

  @Test
  void refusesToStartWithANonPositiveInterval() {
    HeartbeatScheduler scheduler = scheduler(command -> PublishResult.PUBLISHED, Duration.ZERO);

    assertThrows(IllegalArgumentException.class, scheduler::start);
  }

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
    HeartbeatScheduler task =
        new HeartbeatScheduler(
            command -> {
              sent.add(command);
              return PublishResult.PUBLISHED;
            },
            Clock.fixed(now, ZoneOffset.UTC),
            interval,
            new PrometheusRegistry());

    task.beat();

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
    HeartbeatScheduler task =
        new HeartbeatScheduler(
            c -> PublishResult.PUBLISHED,
            Clock.fixed(now, ZoneOffset.UTC),
            Duration.ofMillis(2500),
            metrics);

    task.beat();

    assertEquals(2.5, gauge(metrics, "marketdata_heartbeat_interval_seconds"));
    assertEquals(
        now.toEpochMilli() / 1000.0,
        gauge(metrics, "marketdata_heartbeat_last_published_timestamp_seconds"));
  }

  @Test
  void countsPublishedAndDroppedHeartbeatsByReason() {
    PrometheusRegistry metrics = new PrometheusRegistry();

    beat(
        metrics,
        PUBLISHED,
        SKIPPED_NOT_CONNECTED,
        DROPPED_NO_ANSWER,
        DROPPED_NO_ANSWER,
        SKIPPED_STOPPING);

    assertEquals(1, counter(metrics, "marketdata_heartbeats_published", Labels.EMPTY));
    assertEquals(
        1, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "not_connected")));
    assertEquals(
        2, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "no_answer")));
  }

  @Test
  void nothingIsCountedAsDroppedBeforeTheFirstHeartbeatWentOut() {
    PrometheusRegistry metrics = new PrometheusRegistry();

    beat(metrics, SKIPPED_NOT_CONNECTED, DROPPED_NO_ANSWER, PUBLISHED, SKIPPED_NOT_CONNECTED);

    assertEquals(
        1, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "not_connected")));
    assertEquals(
        0, counter(metrics, "marketdata_heartbeats_dropped", Labels.of("reason", "no_answer")));
  }

  /** One beat for each result, in order, as the use case returns them. */
  private static void beat(PrometheusRegistry metrics, PublishResult... results) {
    Iterator<PublishResult> next = List.of(results).iterator();
    HeartbeatScheduler task =
        new HeartbeatScheduler(c -> next.next(), Clock.systemUTC(), Duration.ofSeconds(1), metrics);
    for (int beat = 0; beat < results.length; beat++) {
      task.beat();
    }
  }

  /** The lines above DEBUG that a sequence of heartbeat results leaves, as "LEVEL message". */
  private static List<String> outageLines(PublishResult... results) {
    Logger log = (Logger) LoggerFactory.getLogger(HeartbeatScheduler.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      beat(new PrometheusRegistry(), results);
    } finally {
      log.detachAppender(lines);
    }
    return lines.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
        .toList();
  }

  @Test
  void anOutageIsLoggedOnceWhenItBeginsAndOnceWithItsCountWhenItEnds() {
    assertEquals(
        List.of(
            "WARN heartbeats dropped, not queued, until NATS answers again (DROPPED_NO_ANSWER)",
            "INFO heartbeats resumed; 3 dropped during the outage"),
        outageLines(
            PUBLISHED, DROPPED_NO_ANSWER, SKIPPED_NOT_CONNECTED, DROPPED_NO_ANSWER, PUBLISHED));
  }

  @Test
  void eachOutageIsCountedFromZero() {
    assertEquals(
        List.of(
            "WARN heartbeats dropped, not queued, until NATS answers again (SKIPPED_NOT_CONNECTED)",
            "INFO heartbeats resumed; 1 dropped during the outage",
            "WARN heartbeats dropped, not queued, until NATS answers again (SKIPPED_NOT_CONNECTED)",
            "INFO heartbeats resumed; 1 dropped during the outage"),
        outageLines(PUBLISHED, SKIPPED_NOT_CONNECTED, PUBLISHED, SKIPPED_NOT_CONNECTED, PUBLISHED));
  }

  @Test
  void beforeTheFirstHeartbeatAndWhileStoppingNothingIsAnOutage() {
    assertEquals(
        List.of(),
        outageLines(
            SKIPPED_NOT_CONNECTED, SKIPPED_NOT_CONNECTED, PUBLISHED, SKIPPED_STOPPING, PUBLISHED));
  }
}
