package dev.marketdata.application.port.in;

/** Answers liveness and readiness questions. */
public interface CheckHealthUseCase {
  HealthReport check(Probe probe);
}
