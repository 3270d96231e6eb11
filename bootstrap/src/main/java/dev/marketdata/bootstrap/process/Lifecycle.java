package dev.marketdata.bootstrap.process;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The process's one start and one stop, ordered: a stop during the start waits for it, so the
 * stop's final log line comes after every line of the start; a start after the stop never begins.
 */
public final class Lifecycle<T> {

  private final Object lock = new Object();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private T running;

  /** Runs {@code start} unless a stop came first; a stop meanwhile waits for it to return. */
  public Optional<T> start(Supplier<T> start) {
    synchronized (lock) {
      if (!stopping.get()) {
        running = start.get();
      }
      return Optional.ofNullable(running);
    }
  }

  /** Marks the stop at once, then waits for a start in progress. */
  public Optional<T> stop() {
    stopping.set(true);
    synchronized (lock) {
      return Optional.ofNullable(running);
    }
  }

  /** Whether a stop has begun: a start may skip its remaining steps. */
  public boolean stopping() {
    return stopping.get();
  }
}
