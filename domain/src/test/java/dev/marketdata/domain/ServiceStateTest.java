package dev.marketdata.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceStateTest {

  @Test
  void isReadyOnlyWhenConnectedAndNotStopping() {
    ServiceState state = ServiceState.of(false, true);

    assertEquals(ServiceState.READY, state);
    assertTrue(state.isReady());
  }

  @Test
  void isNotReadyWhenTheBusIsUnreachable() {
    ServiceState state = ServiceState.of(false, false);

    assertEquals(ServiceState.NOT_READY, state);
    assertFalse(state.isReady());
  }

  @Test
  void stoppingWinsOverAConnectedBus() {
    ServiceState state = ServiceState.of(true, true);

    assertEquals(ServiceState.STOPPING, state);
    assertFalse(state.isReady());
  }
}
