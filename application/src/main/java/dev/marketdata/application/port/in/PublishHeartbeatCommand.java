package dev.marketdata.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Publish one heartbeat.
 *
 * @param at the moment the heartbeat reports
 * @param validFor how long it stays worth delivering; past that it would report a stale state
 */
public record PublishHeartbeatCommand(Instant at, Duration validFor) {

  public PublishHeartbeatCommand {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(validFor, "validFor");
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive, got " + validFor);
    }
  }
}
