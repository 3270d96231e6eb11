package dev.marketdata.application.service;

import dev.marketdata.application.port.in.BeginShutdownUseCase;
import dev.marketdata.application.port.in.CheckHealthUseCase;
import dev.marketdata.application.port.in.HealthReport;
import dev.marketdata.application.port.in.Probe;
import dev.marketdata.application.port.in.ServiceStatusUseCase;
import dev.marketdata.application.port.out.MessagingStatusPort;
import dev.marketdata.domain.ServiceState;
import java.util.concurrent.atomic.AtomicBoolean;

/** Knows whether the service is alive and ready, and flips to not-ready once shutdown begins. */
public final class HealthService
    implements CheckHealthUseCase, ServiceStatusUseCase, BeginShutdownUseCase {

  private final MessagingStatusPort messaging;
  private final AtomicBoolean stopping = new AtomicBoolean();

  public HealthService(MessagingStatusPort messaging) {
    this.messaging = messaging;
  }

  @Override
  public HealthReport check(Probe probe) {
    ServiceState state = state();
    // Liveness stays up while stopping: a restart in the middle of a graceful drain loses work.
    return new HealthReport(probe, probe == Probe.LIVENESS || state.isReady(), state);
  }

  @Override
  public ServiceState state() {
    return ServiceState.of(stopping.get(), messaging.isConnected());
  }

  @Override
  public void beginShutdown() {
    stopping.set(true);
  }
}
