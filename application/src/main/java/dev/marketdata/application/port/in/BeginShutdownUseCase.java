package dev.marketdata.application.port.in;

/** Tells the service that shutdown has begun, so it stops advertising itself as ready. */
public interface BeginShutdownUseCase {
  void beginShutdown();
}
