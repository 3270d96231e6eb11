package dev.marketdata.bootstrap.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// A SIGTERM during the start once ended a container's log with "started" after "stopped" (CI,
// ContainerIT at 150 ms): the stop did not wait for the start in progress.
class LifecycleTest {

  private final Lifecycle<String> lifecycle = new Lifecycle<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @Test
  void aStopDuringTheStartWaitsForItAndStopsWhatStarted() throws Exception {
    CountDownLatch inStart = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread starter =
        Thread.ofPlatform()
            .start(
                () ->
                    lifecycle.start(
                        () -> {
                          inStart.countDown();
                          await(release);
                          log.add("started");
                          return "graph";
                        }));
    assertTrue(inStart.await(10, TimeUnit.SECONDS));

    CompletableFuture<Optional<String>> stopped = new CompletableFuture<>();
    Thread stopper =
        Thread.ofPlatform()
            .start(
                () -> {
                  Optional<String> running = lifecycle.stop();
                  log.add("stopped");
                  stopped.complete(running);
                });
    awaitBlockedOrDone(stopper);
    release.countDown();
    starter.join(10_000);

    assertEquals(Optional.of("graph"), stopped.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("started", "stopped"), log);
  }

  @Test
  void aStartAfterTheStopNeverBegins() {
    lifecycle.stop();

    Optional<String> running =
        lifecycle.start(
            () -> {
              log.add("started");
              return "graph";
            });

    assertEquals(Optional.empty(), running);
    assertEquals(List.of(), log);
  }

  @Test
  void aStartSkipsItsRemainingStepsOnceTheStopHasBegun() throws Exception {
    CompletableFuture<Optional<String>> stopped = new CompletableFuture<>();

    Optional<String> running =
        lifecycle.start(
            () -> {
              Thread.ofPlatform().start(() -> stopped.complete(lifecycle.stop()));
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
              while (!lifecycle.stopping() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
              return lifecycle.stopping() ? null : "graph";
            });

    assertEquals(Optional.empty(), running);
    assertEquals(Optional.empty(), stopped.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aStopBeforeAnyStartFindsNothingToStop() {
    assertEquals(Optional.empty(), lifecycle.stop());
    assertTrue(lifecycle.stopping());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Until the thread waits for the start's lock, or has finished without waiting. */
  private static void awaitBlockedOrDone(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.BLOCKED
        && thread.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }
}
