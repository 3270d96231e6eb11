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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a real nats-server whose certificate comes from a private CA. */
class NatsTlsIT {

  private static final Duration RECONNECT_WAIT = Duration.ofMillis(100);
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  @TempDir Path dir;

  private static NatsSettings settings(String url, Map<String, String> tls) {
    return NatsParts.settings(url, tls);
  }

  private Map<String, String> caOnly(TestPki ca) {
    return Map.of("NATS_TLS_CA_FILE", ca.writeCertificate(dir.resolve("ca.pem")).toString());
  }

  private Map<String, String> mutual(TestPki ca, TestPki.Issued client) {
    return Map.of(
        "NATS_TLS_CA_FILE", ca.writeCertificate(dir.resolve("ca.pem")).toString(),
        "NATS_TLS_CERT_FILE", ca.writeChain(dir.resolve("client.pem"), client).toString(),
        "NATS_TLS_KEY_FILE",
            TestPki.writeTraditionalKey(dir.resolve("client-key.pem"), client).toString());
  }

  @Test
  void connectsToAServerOfAPrivateCaWithANatsUrl() {
    TestPki ca = TestPki.newCa("private-ca");
    try (NatsServer server = NatsServer.startTls(dir, ca, false);
        NatsParts adapter =
            new NatsParts(
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
        NatsParts adapter =
            new NatsParts(
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
        NatsParts byName =
            new NatsParts(
                settings("nats://localhost:" + server.port(), caOnly(ca)),
                new PrometheusRegistry(),
                Clock.systemUTC());
        NatsParts byAddress =
            new NatsParts(
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
        NatsParts adapter =
            new NatsParts(
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
    TestPki other = TestPki.newCa("other-ca");
    TestPki.Issued foreign = other.client(Instant.now().plus(Duration.ofDays(1)));
    Map<String, String> tls = new HashMap<>(mutual(ca, foreign));
    tls.put("NATS_TLS_CERT_FILE", other.writeChain(dir.resolve("client.pem"), foreign).toString());
    tls.put("NATS_RECONNECT_WAIT", "2s");
    tls.put("NATS_PING_INTERVAL", "5s");
    PrometheusRegistry metrics = new PrometheusRegistry();
    try (NatsServer server = NatsServer.startTls(dir, ca, true);
        NatsParts adapter =
            new NatsParts(settings(server.url(), tls), metrics, Clock.systemUTC())) {
      adapter.connect(() -> {});
      Thread.sleep(Duration.ofSeconds(2).toMillis());
      assertFalse(adapter.isConnected(), "a client certificate of another CA must be refused");

      TestPki.Issued renewed = ca.client(Instant.now().plus(Duration.ofDays(30)));
      replace(
          Path.of(tls.get("NATS_TLS_CERT_FILE")), ca.writeChain(dir.resolve("new.pem"), renewed));
      replace(
          Path.of(tls.get("NATS_TLS_KEY_FILE")),
          TestPki.writePkcs8Key(dir.resolve("new-key.pem"), renewed));

      await("connected with the renewed certificate").atMost(GENEROUS).until(adapter::isConnected);
      assertTrue(expiry(metrics) > Instant.now().plus(Duration.ofDays(2)).getEpochSecond());
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
