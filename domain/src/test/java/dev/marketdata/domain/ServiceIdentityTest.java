package dev.marketdata.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceIdentityTest {

  private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void heartbeatCarriesTheUptimeSinceStart() {
    ServiceIdentity identity = new ServiceIdentity("md-1", "1.0.0", STARTED);

    Heartbeat heartbeat =
        identity.heartbeatAt(STARTED.plusSeconds(90), ServiceState.READY, Duration.ofSeconds(2));

    assertEquals(Duration.ofSeconds(90), heartbeat.uptime());
    assertEquals(Duration.ofSeconds(6), heartbeat.validFor());
    assertEquals(ServiceState.READY, heartbeat.state());
    assertEquals(identity, heartbeat.identity());
    assertEquals(STARTED.plusSeconds(90), heartbeat.at());
  }

  @Test
  void uptimeNeverGoesNegativeWhenTheClockStepsBack() {
    ServiceIdentity identity = new ServiceIdentity("md-1", "1.0.0", STARTED);

    Heartbeat heartbeat =
        identity.heartbeatAt(STARTED.minusSeconds(5), ServiceState.READY, Duration.ofSeconds(2));

    assertEquals(Duration.ZERO, heartbeat.uptime());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a.b",
        "a*",
        "a>",
        "with space",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void rejectsAnIdThatIsNotOneSubjectToken(String badId) {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> new ServiceIdentity(badId, "1.0.0", STARTED));

    assertTrue(error.getMessage().startsWith("serviceId must be"), error.getMessage());
  }

  @Test
  void rejectsABlankVersion() {
    assertThrows(IllegalArgumentException.class, () -> new ServiceIdentity("md-1", " ", STARTED));
  }
}
