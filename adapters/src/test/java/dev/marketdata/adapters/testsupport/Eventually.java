package dev.marketdata.adapters.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something asynchronous to become true, failing with a message after a deadline. */
public final class Eventually {

  private Eventually() {}

  public static void within(Duration timeout, String what, BooleanSupplier condition) {
    within(timeout, what, condition, () -> "");
  }

  /** As above, adding what {@code context} says (e.g. a process's output) to the failure. */
  public static void within(
      Duration timeout, String what, BooleanSupplier condition, Supplier<String> context) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within " + timeout + ": " + what + context.get());
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      }
    }
  }
}
