package dev.marketdata.application.port.in;

public interface CheckHealthUseCase {
  HealthReport check(Probe probe);
}
