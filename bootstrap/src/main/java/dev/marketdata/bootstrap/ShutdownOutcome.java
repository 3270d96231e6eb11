package dev.marketdata.bootstrap;

import java.time.Duration;

/**
 * How a shutdown went.
 *
 * @param clean whether every step finished, without failing, before SHUTDOWN_TIMEOUT
 * @param natsDrained whether in-flight NATS messages were flushed (false when NATS was down)
 * @param took how long it took
 */
record ShutdownOutcome(boolean clean, boolean natsDrained, Duration took) {

  int exitCode() {
    return clean ? ExitCode.OK : ExitCode.FAILURE;
  }
}
