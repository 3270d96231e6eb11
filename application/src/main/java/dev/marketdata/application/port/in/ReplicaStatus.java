package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;

/** What is known of one instance from its heartbeats. */
public record ReplicaStatus(
    String serviceId,
    String version,
    ServiceState state,
    Instant lastSeen,
    Duration age,
    Duration validFor,
    boolean stale) {}
