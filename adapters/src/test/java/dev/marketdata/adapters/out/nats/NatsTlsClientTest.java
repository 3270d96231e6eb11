package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NatsTlsClientTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void warnsFromFourteenDaysBeforeExpiry() {
    Instant notAfter = Instant.parse("2026-12-15T12:00:00Z");

    assertEquals(Optional.empty(), NatsTlsClient.expiryWarning(NOW.plus(Duration.ofDays(14)), NOW));
    assertEquals(
        Optional.of(
            "NATS client certificate expires at 2026-12-15T12:00:00Z (in 11 days): rotate it"),
        NatsTlsClient.expiryWarning(notAfter, NOW));
    assertEquals(
        Optional.of("NATS client certificate expired at 2026-12-01T00:00:00Z: replace it"),
        NatsTlsClient.expiryWarning(Instant.parse("2026-12-01T00:00:00Z"), NOW));
  }
}
