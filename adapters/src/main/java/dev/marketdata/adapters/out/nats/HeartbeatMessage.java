package dev.marketdata.adapters.out.nats;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.domain.Heartbeat;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;

/** A heartbeat on the wire (docs/heartbeat.schema.json); a breaking change raises the version. */
record HeartbeatMessage(
    int schemaVersion,
    String serviceId,
    String version,
    String state,
    long uptimeMillis,
    String timestamp,
    long validForMillis) {

  static final int SCHEMA_VERSION = 1;

  // Fields a newer publisher adds must not break an older reader.
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
