package dev.marketdata.application.port.in;

/** Beat now and from now on: the bus became able to send, so consumers hear of us at once. */
public interface RestartHeartbeatUseCase {
  void restartHeartbeat();
}
