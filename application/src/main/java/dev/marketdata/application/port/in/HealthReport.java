package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;
import java.util.Objects;

/** The answer to a {@link HealthQuery}. */
public record HealthReport(Probe probe, boolean up, ServiceState state) {

  public HealthReport {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(state, "state");
  }
}
