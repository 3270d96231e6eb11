package dev.marketdata.adapters.out.nats;

import dev.marketdata.domain.Heartbeat;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;

/**
 * The wire form of a heartbeat: a flat JSON object that any consumer can read without our types.
 * Its contract is {@code docs/heartbeat.schema.json}; a change a consumer could trip on raises
 * {@link #SCHEMA_VERSION}, an added field does not.
 *
 * @param schemaVersion the contract's version
 * @param serviceId the instance that speaks
 * @param version its build version
 * @param state READY, NOT_READY or STOPPING
 * @param uptimeMillis milliseconds since the process started
 * @param timestamp ISO-8601 UTC moment of the heartbeat
 * @param validForMillis how long after its arrival it stands; with no newer one by then, the
 *     instance counts as gone
 */
record HeartbeatMessage(
    int schemaVersion,
    String serviceId,
    String version,
    String state,
    long uptimeMillis,
    String timestamp,
    long validForMillis) {

  static final int SCHEMA_VERSION = 1;

  static HeartbeatMessage from(Heartbeat heartbeat) {
    return new HeartbeatMessage(
        SCHEMA_VERSION,
        heartbeat.identity().serviceId(),
        heartbeat.identity().version(),
        heartbeat.state().name(),
        heartbeat.uptime().toMillis(),
        heartbeat.at().toString(),
        heartbeat.validFor().toMillis());
  }

  /**
   * The heartbeat this message states.
   *
   * @return the heartbeat
   * @throws IllegalArgumentException if a field is missing or out of its range, or the schema
   *     version is not one this build reads
   */
  Heartbeat toHeartbeat() {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "schemaVersion " + schemaVersion + ", this build reads " + SCHEMA_VERSION);
    }
    if (serviceId == null || version == null || state == null || timestamp == null) {
      throw new IllegalArgumentException("serviceId, version, state and timestamp are required");
    }
    Instant at = Instant.parse(timestamp);
    Duration uptime = Duration.ofMillis(uptimeMillis);
    return new Heartbeat(
        new ServiceIdentity(serviceId, version, at.minus(uptime)),
        uptime,
        ServiceState.valueOf(state),
        at,
        Duration.ofMillis(validForMillis));
  }
}
