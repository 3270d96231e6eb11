package dev.marketdata.adapters.out.nats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.adapters.testsupport.TestPki;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a real nats-server whose certificate comes from a private CA. */
class NatsTlsIT {

  private static final Duration RECONNECT_WAIT = Duration.ofMillis(100);
  private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  @TempDir Path dir;

  private static NatsSettings settings(String url, NatsTls tls) {
    return settings(url, tls, RECONNECT_WAIT, PING_INTERVAL);
  }

  private static NatsSettings settings(
      String url, NatsTls tls, Duration reconnectWait, Duration pingInterval) {
    return new NatsSettings(
        List.of(url),
        "md-1",
        "test",
        new NatsCredentials.None(),
        tls,
        reconnectWait,
        pingInterval,
        2);
  }

  private NatsTls caOnly(TestPki ca) {
    return new NatsTls(
        Optional.of(ca.writeCertificate(dir.resolve("ca.pem"))),
        Optional.empty(),
        Optional.empty());
  }

  private NatsTls mutual(TestPki ca, TestPki.Issued client) {
    return new NatsTls(
        Optional.of(ca.writeCertificate(dir.resolve("ca.pem"))),
        Optional.of(ca.writeChain(dir.resolve("client.pem"), client)),
        Optional.of(TestPki.writeTraditionalKey(dir.resolve("client-key.pem"), client)));
  }

  @Test
  void connectsToAServerOfAPrivateCaWithANatsUrl() {
    TestPki ca = TestPki.newCa("private-ca");
    try (NatsServer server = NatsServer.startTls(dir, ca, false);
        NatsMessagingAdapter adapter =
            new NatsMessagingAdapter(
                settings(server.url(), caOnly(ca)), new PrometheusRegistry(), Clock.systemUTC())) {

      adapter.connect(() -> {});

      await("connected over TLS").atMost(GENEROUS).until(adapter::isConnected);
    }
  }

  @Test
  void connectsWithAClientCertificateAndExposesItsExpiry() {
    TestPki ca = TestPki.newCa("private-ca");
    Instant notAfter = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    PrometheusRegistry metrics = new PrometheusRegistry();
    try (NatsServer server = NatsServer.startTls(dir, ca, true);
        NatsMessagingAdapter adapter =
            new NatsMessagingAdapter(
                settings(server.url(), mutual(ca, ca.client(notAfter))),
                metrics,
                Clock.systemUTC())) {

      adapter.connect(() -> {});

      await("connected with mutual TLS").atMost(GENEROUS).until(adapter::isConnected);
      assertEquals(notAfter.getEpochSecond(), expiry(metrics));
    }
  }

  // jnats connects to a resolved address unless told not to: the name in the URL is what the
  // server's certificate must match.
  @Test
  void verifiesTheServersCertificateAgainstTheHostNameInTheUrl() throws Exception {
    TestPki ca = TestPki.newCa("private-ca");
    try (NatsServer server = NatsServer.startTls(dir, ca, ca.serverForLocalhostOnly(), false);
        NatsMessagingAdapter byName =
            new NatsMessagingAdapter(
                settings("nats://localhost:" + server.port(), caOnly(ca)),
                new PrometheusRegistry(),
                Clock.systemUTC());
        NatsMessagingAdapter byAddress =
            new NatsMessagingAdapter(
                settings("nats://127.0.0.1:" + server.port(), caOnly(ca)),
                new PrometheusRegistry(),
                Clock.systemUTC())) {

      byName.connect(() -> {});
      byAddress.connect(() -> {});

      await("connected by the certificate's name").atMost(GENEROUS).until(byName::isConnected);
      assertFalse(byAddress.isConnected(), "connected to an address the certificate does not name");
    }
  }

  @Test
  void refusesAServerOfAnotherCa() throws Exception {
    TestPki serverCa = TestPki.newCa("server-ca");
    TestPki otherCa = TestPki.newCa("other-ca");
    try (NatsServer server = NatsServer.startTls(dir, serverCa, false);
        NatsMessagingAdapter adapter =
            new NatsMessagingAdapter(
                settings(server.url(), caOnly(otherCa)),
                new PrometheusRegistry(),
                Clock.systemUTC())) {

      adapter.connect(() -> {});
      Thread.sleep(RECONNECT_WAIT.multipliedBy(20).toMillis());

      assertFalse(adapter.isConnected());
    }
  }

  // Files replaced in place, as a Kubernetes Secret volume or cert-manager does: the next connect
  // reads them, without a restart. At the default settings, within one reconnect wait (2 s) plus
  // one ping interval (5 s).
  @Test
  void usesFilesReplacedInPlaceAtTheNextConnect() throws Exception {
    TestPki ca = TestPki.newCa("private-ca");
    NatsTls tls = mutual(ca, ca.client(Instant.now().minus(Duration.ofMinutes(1))));
    PrometheusRegistry metrics = new PrometheusRegistry();
    Duration reconnectWait = Duration.ofSeconds(2);
    Duration pingInterval = Duration.ofSeconds(5);
    try (NatsServer server = NatsServer.startTls(dir, ca, true);
        NatsMessagingAdapter adapter =
            new NatsMessagingAdapter(
                settings(server.url(), tls, reconnectWait, pingInterval),
                metrics,
                Clock.systemUTC())) {
      adapter.connect(() -> {});
      Thread.sleep(reconnectWait.toMillis());
      assertFalse(adapter.isConnected(), "an expired client certificate must be refused");

      TestPki.Issued renewed = ca.client(Instant.now().plus(Duration.ofDays(30)));
      replace(tls.certFile().orElseThrow(), ca.writeChain(dir.resolve("new.pem"), renewed));
      replace(
          tls.keyFile().orElseThrow(), TestPki.writePkcs8Key(dir.resolve("new-key.pem"), renewed));

      await("connected with the renewed certificate").atMost(GENEROUS).until(adapter::isConnected);
      assertTrue(expiry(metrics) > Instant.now().getEpochSecond());
    }
  }

  private static void replace(Path target, Path source) throws Exception {
    Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static long expiry(PrometheusRegistry metrics) {
    return metrics.scrape().stream()
        .filter(
            m ->
                m.getMetadata()
                    .getPrometheusName()
                    .equals("marketdata_nats_tls_client_cert_expiry_timestamp_seconds"))
        .map(m -> (long) ((GaugeSnapshot) m).getDataPoints().getFirst().getValue())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no client certificate expiry metric"));
  }
}
