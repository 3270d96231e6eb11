package dev.marketdata.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Publish one heartbeat. */
public record PublishHeartbeatCommand(Instant at, Duration interval) {

  public PublishHeartbeatCommand {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
  }
}
