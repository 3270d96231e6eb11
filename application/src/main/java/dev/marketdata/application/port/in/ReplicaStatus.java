package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;

public record ReplicaStatus(
    String serviceId,
    String version,
    ServiceState state,
    Instant lastSeen,
    Duration age,
    Duration validFor,
    boolean stale) {}
