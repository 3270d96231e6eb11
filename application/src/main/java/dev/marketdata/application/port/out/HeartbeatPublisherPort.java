package dev.marketdata.application.port.out;

import dev.marketdata.domain.Heartbeat;

/** Sends heartbeats to the message bus. */
public interface HeartbeatPublisherPort {

  void publish(Heartbeat heartbeat);
}
