package dev.marketdata.adapters.out.nats;

import io.nats.client.Options;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS to NATS from {@link NatsTls}'s files, read at every connect; the client certificate's expiry
 * in a metric and a daily WARN. Created only when TLS is asked for.
 */
final class NatsTlsClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NatsTlsClient.class);

  /** Two weeks leaves time to rotate by hand when automation has failed. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private final NatsTls tls;
  private final Clock clock;
  private volatile TlsFiles.Material latest;
  private ScheduledExecutorService expiryCheck;

  NatsTlsClient(NatsTls tls, Clock clock, PrometheusRegistry metrics) {
    this.tls = tls;
    this.clock = clock;
    if (tls.certFile().isPresent()) {
      GaugeWithCallback.builder()
          .name("marketdata_nats_tls_client_cert_expiry_timestamp_seconds")
          .help("When the client certificate of the latest NATS connect expires (Unix time)")
          .callback(
              callback -> {
                TlsFiles.Material material = latest;
                if (material != null) {
                  material
                      .clientNotAfter()
                      .ifPresent(notAfter -> callback.call((double) notAfter.getEpochSecond()));
                }
              })
          .register(metrics);
    }
  }

  /**
   * Reads the files now, for the expiry metric and warning, and hands jnats the context that reads
   * them at each connect.
   */
  void apply(Options.Builder options) {
    try {
      latest = TlsFiles.read(tls);
    } catch (TlsFiles.Unusable e) {
      // Checked at start already; a rotation under way fails this connect, not the service.
      LOG.warn("NATS TLS files unusable: {}", e.getMessage());
    }
    // jnats' default hands TLS a resolved address to verify, and Unresolved cannot connect without
    // a proxy: HappyEyeballs resolves while connecting and keeps the host name for the handshake.
    options.hostnameResolveMode(Options.HostnameResolveMode.HappyEyeballs);
    try {
      options.sslContext(new ReloadingSslContext(tls, material -> latest = material));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM offers no TLS", e);
    }
    if (tls.certFile().isPresent()) {
      expiryCheck =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("tls-expiry").daemon().factory());
      var unused = expiryCheck.scheduleAtFixedRate(this::warnIfExpiring, 0, 1, TimeUnit.DAYS);
    }
  }

  /** Why a connect failed, when TLS is the cause. */
  Optional<String> reason(Exception error) {
    TlsFiles.Material material = latest;
    return TlsFailureReason.of(
        error, material == null ? Optional.empty() : material.clientNotAfter(), clock.instant());
  }

  private void warnIfExpiring() {
    TlsFiles.Material material = latest;
    if (material != null) {
      material
          .clientNotAfter()
          .flatMap(notAfter -> expiryWarning(notAfter, clock.instant()))
          .ifPresent(LOG::warn);
    }
  }

  /** The warning for a client certificate that expires soon. */
  static Optional<String> expiryWarning(Instant notAfter, Instant now) {
    Duration left = Duration.between(now, notAfter);
    if (left.compareTo(EXPIRY_WARNING) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        left.isNegative()
            ? "NATS client certificate expired at " + notAfter + ": replace it"
            : "NATS client certificate expires at "
                + notAfter
                + " (in "
                + left.toDays()
                + " days): rotate it");
  }

  @Override
  public void close() {
    if (expiryCheck != null) {
      expiryCheck.shutdownNow();
    }
  }
}
