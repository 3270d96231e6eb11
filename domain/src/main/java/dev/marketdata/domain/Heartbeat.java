package dev.marketdata.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A periodic statement that this instance is alive, and in which state. */
public record Heartbeat(
    ServiceIdentity identity, Duration uptime, ServiceState state, Instant at, Duration validFor) {

  /** Beats a consumer waits for before it counts an instance gone: the no-heartbeat alert's too. */
  public static final int VALID_FOR_INTERVALS = 3;

  public Heartbeat {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(validFor, "validFor");
    if (uptime.isNegative()) {
      throw new IllegalArgumentException("uptime must not be negative, got " + uptime);
    }
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive, got " + validFor);
    }
  }

  /** Validity of a beat sent every {@code interval}: one late or lost beat is no outage. */
  public static Duration validityFor(Duration interval) {
    return interval.multipliedBy(VALID_FOR_INTERVALS);
  }

  /**
   * Whether this heartbeat, received at {@code receivedAt}, no longer stands at {@code now}. Judged
   * on the receiver's clock alone, so that clock skew between hosts cannot fake or hide an outage.
   */
  public boolean isStale(Instant receivedAt, Instant now) {
    return Duration.between(receivedAt, now).compareTo(validFor) > 0;
  }
}
