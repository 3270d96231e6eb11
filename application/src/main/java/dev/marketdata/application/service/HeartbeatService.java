package dev.marketdata.application.service;

import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
import dev.marketdata.application.port.in.PublishResult;
import dev.marketdata.application.port.in.ServiceStatusUseCase;
import dev.marketdata.application.port.out.HeartbeatPublisherPort;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;

/** Publishes this instance's heartbeat while the bus is reachable. */
public final class HeartbeatService implements PublishHeartbeatUseCase {
  private final ServiceIdentity identity;
  private final ServiceStatusUseCase status;
  private final HeartbeatPublisherPort publisher;

  public HeartbeatService(
      ServiceIdentity identity, ServiceStatusUseCase status, HeartbeatPublisherPort publisher) {
    this.identity = identity;
    this.status = status;
    this.publisher = publisher;
  }

  @Override
  public PublishResult publishHeartbeat(PublishHeartbeatCommand command) {
    ServiceState state = status.state();
    return switch (state) {
      case STOPPING -> PublishResult.SKIPPED_STOPPING;
      case NOT_READY -> PublishResult.SKIPPED_NOT_CONNECTED;
      case READY ->
          publisher.publish(
                  identity.heartbeatAt(command.at(), state, command.interval()), command.interval())
              ? PublishResult.PUBLISHED
              : PublishResult.DROPPED_NO_ANSWER;
    };
  }
}
