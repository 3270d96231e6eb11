package dev.marketdata.adapters.in.schedule;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatSchedulerTest {

  @Test
  void beatsRepeatedlyAndKeepsGoingAfterAFailure() {
    AtomicInteger calls = new AtomicInteger();
    HeartbeatScheduler scheduler =
        new HeartbeatScheduler(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first beat fails");
              }
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
        new HeartbeatScheduler(calls::incrementAndGet, Duration.ofHours(1));
    scheduler.start();
    await("first beat").atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);

    scheduler.restartHeartbeat();

    await("beat on reconnect").atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2);
    assertTrue(scheduler.stop(Duration.ofSeconds(5)));
  }

  @Test
  void rejectsANonPositiveInterval() {
    assertThrows(
        IllegalArgumentException.class, () -> new HeartbeatScheduler(() -> {}, Duration.ZERO));
  }
}
