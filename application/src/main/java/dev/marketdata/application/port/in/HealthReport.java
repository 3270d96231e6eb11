package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;

/** The answer to one health question. */
public record HealthReport(Probe probe, boolean up, ServiceState state) {}
