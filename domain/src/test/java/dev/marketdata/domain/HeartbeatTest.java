package dev.marketdata.domain;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final ServiceIdentity IDENTITY = new ServiceIdentity("md-1", "1.0.0", NOW);

  @Test
  void rejectsANegativeUptime() {
    Duration negative = Duration.ofSeconds(-1);

    assertThrows(
        IllegalArgumentException.class,
        () -> new Heartbeat(IDENTITY, negative, ServiceState.READY, NOW));
  }
}
