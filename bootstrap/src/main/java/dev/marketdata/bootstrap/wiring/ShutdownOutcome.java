package dev.marketdata.bootstrap.wiring;

import dev.marketdata.bootstrap.process.ExitCode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a shutdown went. */
public record ShutdownOutcome(boolean clean, boolean natsDrained, Duration took) {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownOutcome.class);

  /** A stop before anything was started: nothing to wait for. */
  public static final ShutdownOutcome NOTHING_STARTED =
      new ShutdownOutcome(true, true, Duration.ZERO);

  /** The exit code this outcome ends the process with. */
  public int exitCode() {
    return clean ? ExitCode.OK : ExitCode.FAILURE;
  }

  /** Logs the service's last line, which says how it stopped. */
  public void log() {
    LOG.atInfo()
        .addKeyValue("exitCode", exitCode())
        .addKeyValue("natsDrained", natsDrained)
        .addKeyValue("shutdownMillis", took.toMillis())
        .log("stopped");
  }
}
