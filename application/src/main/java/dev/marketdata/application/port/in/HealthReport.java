package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;

public record HealthReport(Probe probe, boolean up, ServiceState state) {}
