package dev.marketdata.adapters.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous to become true, failing with a message after a deadline. */
public final class Eventually {

  private Eventually() {}

  public static void within(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within " + timeout + ": " + what);
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
