package dev.marketdata.application.service;

import dev.marketdata.application.port.in.CheckHealthUseCase;
import dev.marketdata.application.port.in.HealthQuery;
import dev.marketdata.application.port.in.Probe;
import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishHeartbeatUseCase;
import dev.marketdata.application.port.in.PublishResult;
import dev.marketdata.application.port.out.HeartbeatPublisherPort;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;
import java.util.Objects;

/** Publishes this instance's heartbeat while the bus is reachable. */
public final class HeartbeatService implements PublishHeartbeatUseCase {

  private final ServiceIdentity identity;
  private final CheckHealthUseCase health;
  private final HeartbeatPublisherPort publisher;

  public HeartbeatService(
      ServiceIdentity identity, CheckHealthUseCase health, HeartbeatPublisherPort publisher) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.health = Objects.requireNonNull(health, "health");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public PublishResult publishHeartbeat(PublishHeartbeatCommand command) {
    // The state readiness reports: one derivation, owned by the health use case.
    ServiceState state = health.check(new HealthQuery(Probe.READINESS)).state();
    return switch (state) {
      case STOPPING -> PublishResult.SKIPPED_STOPPING;
      case NOT_READY -> PublishResult.SKIPPED_NOT_CONNECTED;
      case READY -> {
        boolean sent =
            publisher.publish(
                identity.heartbeatAt(command.at(), state, command.interval()), command.interval());
        yield sent ? PublishResult.PUBLISHED : PublishResult.DROPPED_NO_ANSWER;
      }
    };
  }
}
