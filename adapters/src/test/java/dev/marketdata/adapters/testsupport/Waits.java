package dev.marketdata.adapters.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Awaitility's wait, with what a failure should show besides (a process's output, a stack). */
public final class Waits {

  private Waits() {}

  /**
   * Waits until {@code condition} holds, failing after {@code timeout} with {@code context}.
   *
   * @param timeout how long to wait
   * @param what what is awaited, for the failure message
   * @param condition the condition
   * @param context evaluated only on failure
   */
  public static void until(
      Duration timeout, String what, Callable<Boolean> condition, Supplier<String> context) {
    try {
      await(what).atMost(timeout).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + context.get(), e);
    }
  }
}
