package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;

/**
 * What is known of one instance from its heartbeats.
 *
 * @param serviceId the instance
 * @param version its build version, as its latest heartbeat says
 * @param state its state, as its latest heartbeat says
 * @param lastSeen when its latest heartbeat arrived, on this side's clock
 * @param age how long ago that was
 * @param validFor how long that heartbeat stands
 * @param stale true once {@code age} exceeds {@code validFor}: the instance counts as gone
 */
public record ReplicaStatus(
    String serviceId,
    String version,
    ServiceState state,
    Instant lastSeen,
    Duration age,
    Duration validFor,
    boolean stale) {}
