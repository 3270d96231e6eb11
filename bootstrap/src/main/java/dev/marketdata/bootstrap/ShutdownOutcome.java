package dev.marketdata.bootstrap;

import java.time.Duration;

/**
 * How a shutdown went.
 *
 * @param withinDeadline whether every step finished before SHUTDOWN_TIMEOUT
 * @param natsDrained whether in-flight NATS messages were flushed (false when NATS was down)
 * @param took how long it took
 */
record ShutdownOutcome(boolean withinDeadline, boolean natsDrained, Duration took) {

  int exitCode() {
    return withinDeadline ? ExitCode.OK : ExitCode.FAILURE;
  }
}
