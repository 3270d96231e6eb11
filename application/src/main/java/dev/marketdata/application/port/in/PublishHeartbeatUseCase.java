package dev.marketdata.application.port.in;

public interface PublishHeartbeatUseCase {
  PublishResult publishHeartbeat(PublishHeartbeatCommand command);
}
