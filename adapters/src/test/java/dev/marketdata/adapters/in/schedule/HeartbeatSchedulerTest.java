package dev.marketdata.adapters.in.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.testsupport.Eventually;
import dev.marketdata.application.port.in.PublishResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
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

    Eventually.within(Duration.ofSeconds(5), "three beats", () -> calls.get() >= 3);
    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
  }

  @Test
  void beatsNoMoreOnceStopped() throws InterruptedException {
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
    Eventually.within(Duration.ofSeconds(5), "first beat", () -> calls.get() >= 1);

    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
    int afterStop = calls.get();
    Thread.sleep(100);

    assertEquals(afterStop, calls.get());
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
