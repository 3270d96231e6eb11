package dev.marketdata.application.port.in;

import dev.marketdata.domain.ServiceState;

/** The service's state right now: what readiness reports and heartbeats carry. */
public interface ServiceStatusUseCase {
  ServiceState state();
}
