package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsFailureReasonTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

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
