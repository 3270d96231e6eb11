package dev.marketdata.adapters.out.nats;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Why a TLS connect to NATS failed, in words a person can act on. */
final class TlsFailureReason {
  private TlsFailureReason() {}

  /** Names the cause of a failed connect, when it was TLS or an expired client certificate. */
  static Optional<String> of(Throwable error, Optional<Instant> clientNotAfter, Instant now) {
    // First, whatever the error: with TLS 1.3 the server's refusal arrives after the handshake,
    // as a broken pipe or a timeout.
    if (clientNotAfter.isPresent() && clientNotAfter.get().isBefore(now)) {
      return Optional.of(
          "certificate expired: the client certificate expired at "
              + clientNotAfter.get()
              + "; replace the files and the next connect uses them");
    }
    if (chain(error, SSLException.class).isEmpty()) {
      return Optional.empty();
    }
    if (chain(error, CertificateExpiredException.class).isPresent()
        || chain(error, CertificateNotYetValidException.class).isPresent()) {
      return Optional.of("certificate expired: the server's certificate is not valid now");
    }
    if (chain(error, CertPathBuilderException.class).isPresent()
        || chain(error, CertPathValidatorException.class).isPresent()) {
      return Optional.of(
          "unknown CA: the server's certificate is not signed by a CA that is trusted for NATS");
    }
    String message = String.valueOf(error.getMessage());
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String text = String.valueOf(cause.getMessage());
      if (text.contains("No subject alternative") || text.contains("No name matching")) {
        return Optional.of(
            "host name mismatch: the server's certificate is not for the host in the URL ("
                + text
                + ")");
      }
      if (text.startsWith("Received fatal alert: ")) {
        String alert = text.substring("Received fatal alert: ".length());
        return Optional.of(
            "the server refused the handshake ("
                + alert
                + "): does it trust the CA of the client certificate, and is one sent?");
      }
    }
    return Optional.of("TLS failed: " + message);
  }

  private static <T extends Throwable> Optional<T> chain(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }
}
