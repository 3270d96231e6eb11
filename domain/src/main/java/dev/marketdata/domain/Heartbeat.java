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
 */
public record Heartbeat(ServiceIdentity identity, Duration uptime, ServiceState state, Instant at) {

  public Heartbeat {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    if (uptime.isNegative()) {
      throw new IllegalArgumentException("uptime must not be negative, got " + uptime);
    }
  }
}
