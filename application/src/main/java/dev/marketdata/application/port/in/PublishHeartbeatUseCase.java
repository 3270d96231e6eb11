package dev.marketdata.application.port.in;

/** Announces on the bus that this instance is alive. */
public interface PublishHeartbeatUseCase {
  PublishResult publishHeartbeat(PublishHeartbeatCommand command);
}
