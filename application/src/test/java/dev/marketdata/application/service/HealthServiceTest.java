package dev.marketdata.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.port.in.HealthReport;
import dev.marketdata.application.port.in.Probe;
import dev.marketdata.domain.ServiceState;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

  private final AtomicBoolean connected = new AtomicBoolean();
  private final HealthService health = new HealthService(connected::get);

  @Test
  void isReadyWhileTheBusIsConnected() {
    connected.set(true);

    HealthReport report = health.check(Probe.READINESS);

    assertTrue(report.up());
    assertEquals(ServiceState.READY, report.state());
  }

  @Test
  void isLiveButNotReadyWhileTheBusIsDown() {
    connected.set(false);

    HealthReport readiness = health.check(Probe.READINESS);
    HealthReport liveness = health.check(Probe.LIVENESS);

    assertFalse(readiness.up());
    assertTrue(liveness.up());
    assertEquals(ServiceState.NOT_READY, readiness.state());
  }

  @Test
  void becomesNotReadyButStaysLiveOnceShutdownBegins() {
    connected.set(true);

    health.beginShutdown();

    assertFalse(health.check(Probe.READINESS).up());
    assertTrue(health.check(Probe.LIVENESS).up());
    assertEquals(ServiceState.STOPPING, health.check(Probe.LIVENESS).state());
  }
}
