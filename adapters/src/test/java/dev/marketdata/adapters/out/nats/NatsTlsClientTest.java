package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
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

  private static String reason(Exception error, Instant clientNotAfter) {
    return NatsTlsClient.failureReason(error, Optional.ofNullable(clientNotAfter), NOW)
        .orElse("(none)");
  }

  private static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException error = new SSLHandshakeException(message);
    error.initCause(cause);
    return error;
  }

  @Test
  void namesTheCausesAPersonCanActOn() {
    assertTrue(
        reason(handshake("PKIX", new CertPathValidatorException("no path")), null)
            .startsWith("unknown CA:"));
    assertTrue(
        reason(
                handshake(
                    "No subject alternative DNS name matching nats found.",
                    new CertificateException("No subject alternative DNS name matching nats")),
                null)
            .startsWith("host name mismatch:"));
    assertTrue(
        reason(new SSLHandshakeException("Received fatal alert: bad_certificate"), null)
            .startsWith("the server refused the handshake (bad_certificate)"));
  }

  @Test
  void blamesAnExpiredClientCertificateWhateverTheErrorLooksLike() {
    Instant expired = Instant.parse("2026-12-01T00:00:00Z");

    assertEquals(
        "certificate expired: the client certificate expired at 2026-12-01T00:00:00Z; replace the"
            + " files and the next connect uses them",
        reason(new IOException("Broken pipe"), expired));
  }

  @Test
  void leavesOtherFailuresAlone() {
    assertEquals("(none)", reason(new ConnectException("Connection refused"), null));
  }
}
