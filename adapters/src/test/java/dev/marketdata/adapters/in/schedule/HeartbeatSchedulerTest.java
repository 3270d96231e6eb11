package dev.marketdata.adapters.in.schedule;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatSchedulerTest {

  @Test
  void beatsRepeatedlyAndKeepsGoingAfterAFailure() {
    AtomicInteger calls = new AtomicInteger();
    HeartbeatScheduler scheduler =
        new HeartbeatScheduler(
            command -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first beat fails");
              }
              return PublishResult.PUBLISHED;
            },
            Clock.systemUTC(),
            Duration.ofMillis(20),
            new PrometheusRegistry());

    scheduler.start();

    await("three beats").atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
  }

  @Test
  void beatsNoMoreOnceStopped() {
    AtomicInteger calls = new AtomicInteger();
    HeartbeatScheduler scheduler =
        new HeartbeatScheduler(
            command -> {
              calls.incrementAndGet();
              return PublishResult.PUBLISHED;
            },
            Clock.systemUTC(),
            Duration.ofMillis(10),
            new PrometheusRegistry());
    scheduler.start();
    await("first beat").atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 1);

    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
    int afterStop = calls.get();

    // Ten intervals without a single further beat.
    await("no beat after stop")
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(1))
        .until(() -> calls.get() == afterStop);
  }

  @Test
  void eachBeatCarriesTheClocksInstantAndIsValidForOneInterval() {
    Instant fixed = Instant.parse("2026-11-27T10:00:00Z");
    Duration interval = Duration.ofMillis(20);
    List<PublishHeartbeatCommand> sent = new CopyOnWriteArrayList<>();
    HeartbeatScheduler scheduler =
        new HeartbeatScheduler(
            command -> {
              sent.add(command);
              return PublishResult.PUBLISHED;
            },
            Clock.fixed(fixed, ZoneOffset.UTC),
            interval,
            new PrometheusRegistry());

    scheduler.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() >= 2);
    assertTrue(scheduler.stop(Duration.ofSeconds(5)));

    assertEquals(new PublishHeartbeatCommand(fixed, interval), sent.getFirst());
    assertEquals(new PublishHeartbeatCommand(fixed, interval), sent.get(1));
  }

  @Test
  void rejectsANonPositiveInterval() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HeartbeatScheduler(
                c -> PublishResult.PUBLISHED,
                Clock.systemUTC(),
                Duration.ZERO,
                new PrometheusRegistry()));
  }
}
