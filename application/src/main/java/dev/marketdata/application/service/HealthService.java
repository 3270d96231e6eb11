package dev.marketdata.application.service;

import dev.marketdata.application.port.in.BeginShutdownUseCase;
import dev.marketdata.application.port.in.CheckHealthUseCase;
import dev.marketdata.application.port.in.HealthQuery;
import dev.marketdata.application.port.in.HealthReport;
import dev.marketdata.application.port.in.Probe;
import dev.marketdata.application.port.out.MessagingStatusPort;
import dev.marketdata.domain.ServiceState;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** Knows whether the service is alive and ready, and flips to not-ready once shutdown begins. */
public final class HealthService implements CheckHealthUseCase, BeginShutdownUseCase {

  private final MessagingStatusPort messaging;
  private final AtomicBoolean stopping = new AtomicBoolean();

  public HealthService(MessagingStatusPort messaging) {
    this.messaging = Objects.requireNonNull(messaging, "messaging");
  }

  @Override
  public HealthReport check(HealthQuery query) {
    ServiceState state = currentState();
    // Liveness stays up while stopping: a restart in the middle of a graceful drain loses work.
    boolean up = query.probe() == Probe.LIVENESS || state.isReady();
    return new HealthReport(query.probe(), up, state);
  }

  @Override
  public void beginShutdown() {
    stopping.set(true);
  }

  private ServiceState currentState() {
    return ServiceState.of(stopping.get(), messaging.isConnected());
  }
}
