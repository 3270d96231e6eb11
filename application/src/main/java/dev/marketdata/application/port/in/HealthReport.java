package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;
import java.util.Objects;

/**
 * The answer to a {@link HealthQuery}.
 *
 * @param probe the question answered
 * @param up whether the answer is yes
 * @param state the service state behind the answer
 */
public record HealthReport(Probe probe, boolean up, ServiceState state) {

  public HealthReport {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(state, "state");
  }
}
