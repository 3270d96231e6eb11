package dev.marketdata.application.port.in;

import java.time.Duration;
import java.time.Instant;

/** Publish one heartbeat, worth delivering within one interval. */
public record PublishHeartbeatCommand(Instant at, Duration interval) {
  public PublishHeartbeatCommand {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
  }
}
