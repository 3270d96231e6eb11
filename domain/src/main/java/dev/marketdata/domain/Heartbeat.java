package dev.marketdata.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A periodic statement that this instance is alive, and in which state.
 *
 * @param identity which instance speaks
 * @param uptime how long it has been running
 * @param state its state at {@code at}
 * @param at when the heartbeat was taken
 * @param validFor how long after its arrival it stands; past that, with no newer one, the instance
 *     counts as gone
 */
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

  /**
   * How long a heartbeat sent every {@code interval} stands: one late or lost beat is no outage.
   *
   * @param interval the time between two heartbeats
   * @return {@link #VALID_FOR_INTERVALS} intervals
   */
  public static Duration validityFor(Duration interval) {
    return interval.multipliedBy(VALID_FOR_INTERVALS);
  }

  /**
   * Whether this heartbeat, received at {@code receivedAt}, no longer stands at {@code now}. Judged
   * on the receiver's clock alone, so that clock skew between hosts cannot fake or hide an outage.
   *
   * @param receivedAt when it arrived
   * @param now the moment to judge
   * @return true once more than {@link #validFor()} has passed since its arrival
   */
  public boolean isStale(Instant receivedAt, Instant now) {
    return Duration.between(receivedAt, now).compareTo(validFor) > 0;
  }
}
