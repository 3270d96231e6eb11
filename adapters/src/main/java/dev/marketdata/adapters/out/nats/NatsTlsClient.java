package dev.marketdata.adapters.out.nats;

import io.nats.client.Options;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import nl.altindag.ssl.SSLFactory;
import nl.altindag.ssl.pem.util.PemUtils;
import nl.altindag.ssl.util.SSLFactoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS to NATS with swappable key and trust managers, reloaded from the files before each reconnect;
 * the client certificate's expiry in a metric and a daily WARN; failures in words one can act on.
 */
final class NatsTlsClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsTlsClient.class);

  /** Two weeks leaves time to rotate by hand when automation has failed. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private final NatsTls tls;
  private final Clock clock;
  private final SSLFactory factory;
  private final ScheduledExecutorService expiryCheck =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("tls-expiry").daemon().factory());
  private volatile Optional<Instant> clientNotAfter = Optional.empty();

  NatsTlsClient(NatsTls tls, Clock clock, PrometheusRegistry metrics) {
    this.tls = tls;
    this.clock = clock;
    this.factory = tls.read(true);
    readExpiry();
    if (tls.certFile().isPresent()) {
      GaugeWithCallback.builder()
          .name("marketdata_nats_tls_client_cert_expiry_timestamp_seconds")
          .help("When the client certificate of the latest NATS connect expires (Unix time)")
          .callback(cb -> clientNotAfter.ifPresent(at -> cb.call((double) at.getEpochSecond())))
          .register(metrics);
      var unused = expiryCheck.scheduleAtFixedRate(this::warnIfExpiring, 0, 1, TimeUnit.DAYS);
    }
  }

  void apply(Options.Builder options) {
    // jnats' default resolves the name first; HappyEyeballs keeps it for the handshake.
    options.hostnameResolveMode(Options.HostnameResolveMode.HappyEyeballs);
    options.sslContext(factory.getSslContext());
  }

  /** Files replaced in place (a Secret volume, cert-manager) are used from the next connect. */
  void reload() {
    try {
      SSLFactoryUtils.reload(factory, tls.read(false));
      readExpiry();
    } catch (RuntimeException e) {
      // A rotation under way fails this connect, not the service; the next attempt reads again.
      LOG.debug(
          "NATS TLS files not usable yet: {}",
          e.getClass().getSimpleName()); // never the message: it may quote a key
    }
  }

  private void readExpiry() {
    clientNotAfter =
        tls.certFile().flatMap(cert -> NatsTls.notAfter(PemUtils.loadCertificate(cert)));
  }

  /** Why a connect failed, if TLS can tell; the next attempt reads the files again. */
  Optional<String> failed(Exception error) {
    Optional<String> reason = failureReason(error, clientNotAfter, clock.instant());
    reload();
    return reason;
  }

  private void warnIfExpiring() {
    clientNotAfter.flatMap(at -> expiryWarning(at, clock.instant())).ifPresent(LOG::warn);
  }

  static Optional<String> expiryWarning(Instant notAfter, Instant now) {
    Duration left = Duration.between(now, notAfter);
    if (left.compareTo(EXPIRY_WARNING) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        left.isNegative()
            ? "NATS client certificate expired at " + notAfter + ": replace it"
            : "NATS client certificate expires at %s (in %d days): rotate it"
                .formatted(notAfter, left.toDays()));
  }

  @Override
  public void close() {
    expiryCheck.shutdownNow();
  }

  /** Names the cause of a failed connect, when it was TLS or an expired client certificate. */
  static Optional<String> failureReason(
      Throwable error, Optional<Instant> clientNotAfter, Instant now) {
    // First, whatever the error: with TLS 1.3 the server's refusal arrives after the handshake,
    // as a broken pipe or a timeout.
    if (clientNotAfter.isPresent() && clientNotAfter.get().isBefore(now)) {
      return Optional.of(
          "certificate expired: the client certificate expired at "
              + clientNotAfter.get()
              + "; replace the files and the next connect uses them");
    }
    List<Throwable> chain = Stream.iterate(error, Objects::nonNull, Throwable::getCause).toList();
    Predicate<Class<?>> causedBy = type -> chain.stream().anyMatch(type::isInstance);
    if (!causedBy.test(SSLException.class)) {
      return Optional.empty();
    }
    if (causedBy.test(CertificateExpiredException.class)
        || causedBy.test(CertificateNotYetValidException.class)) {
      return Optional.of("certificate expired: the server's certificate is not valid now");
    }
    if (causedBy.test(CertPathBuilderException.class)
        || causedBy.test(CertPathValidatorException.class)) {
      return Optional.of(
          "unknown CA: the server's certificate is not signed by a CA that is trusted for NATS");
    }
    for (Throwable cause : chain) {
      String text = String.valueOf(cause.getMessage());
      if (text.contains("No subject alternative") || text.contains("No name matching")) {
        return Optional.of(
            "host name mismatch: the server's certificate is not for the host in the URL ("
                + text
                + ")");
      }
      if (text.startsWith("Received fatal alert: ")) {
        return Optional.of(
            "the server refused the handshake ("
                + text.substring("Received fatal alert: ".length())
                + "): does it trust the CA of the client certificate, and is one sent?");
      }
    }
    return Optional.of("TLS failed: " + error.getMessage());
  }
}
