package dev.marketdata.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final ServiceIdentity IDENTITY = new ServiceIdentity("md-1", "1.0.0", NOW);
  private static final Duration VALID = Duration.ofSeconds(3);

  @Test
  void rejectsANegativeUptime() {
    Duration negative = Duration.ofSeconds(-1);

    assertThrows(
        IllegalArgumentException.class,
        () -> new Heartbeat(IDENTITY, negative, ServiceState.READY, NOW, VALID));
  }

  @Test
  void rejectsAValidityThatIsNotPositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Heartbeat(IDENTITY, Duration.ZERO, ServiceState.READY, NOW, Duration.ZERO));
  }

  @Test
  void standsForItsValidityAfterArrivalAndNotAMomentLonger() {
    Heartbeat heartbeat = new Heartbeat(IDENTITY, Duration.ZERO, ServiceState.READY, NOW, VALID);
    Instant arrived = NOW.plusSeconds(100); // the sender's clock is far behind: no matter

    assertFalse(heartbeat.isStale(arrived, arrived.plus(VALID)));
    assertTrue(heartbeat.isStale(arrived, arrived.plus(VALID).plusMillis(1)));
  }

  @Test
  void oneLateOrLostBeatIsNoOutage() {
    assertTrue(Heartbeat.validityFor(Duration.ofSeconds(1)).compareTo(Duration.ofSeconds(2)) > 0);
  }
}
