package dev.marketdata.adapters.out.nats;

import dev.marketdata.domain.Heartbeat;

/**
 * The wire form of a heartbeat: a flat JSON object that any consumer can read without our types.
 *
 * @param serviceId the instance that speaks
 * @param version its build version
 * @param state READY, NOT_READY or STOPPING
 * @param uptimeMillis milliseconds since the process started
 * @param timestamp ISO-8601 UTC moment of the heartbeat
 */
record HeartbeatMessage(
    String serviceId, String version, String state, long uptimeMillis, String timestamp) {

  static HeartbeatMessage from(Heartbeat heartbeat) {
    return new HeartbeatMessage(
        heartbeat.identity().serviceId(),
        heartbeat.identity().version(),
        heartbeat.state().name(),
        heartbeat.uptime().toMillis(),
        heartbeat.at().toString());
  }
}
