package dev.marketdata.application.port.in;

import java.util.Objects;

/** Asks one health question. */
public record HealthQuery(Probe probe) {

  public HealthQuery {
    Objects.requireNonNull(probe, "probe");
  }
}
