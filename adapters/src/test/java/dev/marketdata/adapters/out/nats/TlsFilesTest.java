package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final TestPki CA = TestPki.newCa("test-ca");
  private static final TestPki.Issued CLIENT = CA.client(NOW.plus(Duration.ofDays(30)));

  @TempDir Path dir;

  private NatsTls files(Path ca, Path cert, Path key) {
    return new NatsTls(
        Optional.ofNullable(ca), Optional.ofNullable(cert), Optional.ofNullable(key));
  }

  private List<String> problems(NatsTls tls) {
    TlsFiles.Unusable unusable =
        assertThrows(TlsFiles.Unusable.class, () -> TlsFiles.check(tls, NOW));
    return unusable.problems().stream().map(p -> p.role() + ": " + p.message()).toList();
  }

  @Test
  void readsACaBundleAChainAndAPkcs8Key() throws Exception {
    NatsTls tls =
        files(
            CA.writeCertificate(dir.resolve("ca.pem")),
            CA.writeChain(dir.resolve("client.pem"), CLIENT),
            TestPki.writePkcs8Key(dir.resolve("key.pem"), CLIENT));

    TlsFiles.Material material = TlsFiles.check(tls, NOW);

    assertEquals(1, material.trusted().size());
    assertEquals(2, material.chain().size());
    assertEquals(
        Optional.of(CLIENT.certificate().getNotAfter().toInstant()), material.clientNotAfter());
  }

  @Test
  void readsTraditionalEcAndRsaKeys() throws Exception {
    Path cert = CA.writeChain(dir.resolve("client.pem"), CLIENT);
    Path ec = TestPki.writeTraditionalKey(dir.resolve("ec.pem"), CLIENT);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Path rsaKey = TestPki.writeTraditionalRsaKey(dir.resolve("rsa.pem"), rsa.generateKeyPair());

    assertTrue(TlsFiles.check(files(null, cert, ec), NOW).key().isPresent());
    assertTrue(Files.readString(rsaKey).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    // The RSA key is not the certificate's: read, then refused as not matching.
    assertEquals(
        List.of("KEY: " + rsaKey + " holds a key that does not match the certificate in " + cert),
        problems(files(null, cert, rsaKey)));
  }

  @Test
  void reportsEveryMissingOrUnreadableFileAtOnce() throws Exception {
    Path missing = dir.resolve("missing.pem");
    Path directory = Files.createDirectory(dir.resolve("certs"));
    Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate\n");

    assertEquals(
        List.of(
            "CA: " + missing + " does not exist",
            "CERT: " + directory + " is a directory, not a file",
            "KEY: " + text + " is not PEM: it has no -----BEGIN ...----- block"),
        problems(files(missing, directory, text)));
  }

  @Test
  void refusesACaFileWithoutACertificateAndACertFileWithAKeyOnly() {
    Path keyOnly = TestPki.writePkcs8Key(dir.resolve("key.pem"), CLIENT);

    assertEquals(
        List.of(
            "CA: " + keyOnly + " holds no CERTIFICATE block",
            "CERT: " + keyOnly + " holds no CERTIFICATE block"),
        problems(files(keyOnly, keyOnly, keyOnly)));
  }

  @Test
  void refusesEncryptedKeysSayingHowToDecryptWithoutShowingThem() throws Exception {
    Path cert = CA.writeChain(dir.resolve("client.pem"), CLIENT);
    Path traditional = TestPki.writeEncryptedTraditionalKey(dir.resolve("enc1.pem"));
    Path pkcs8 = TestPki.writeEncryptedPkcs8Key(dir.resolve("enc2.pem"));

    for (Path key : List.of(traditional, pkcs8)) {
      String problem = String.join("\n", problems(files(null, cert, key)));

      assertTrue(problem.contains("encrypted key, which is not supported"), problem);
      assertTrue(problem.contains("openssl pkey -in " + key), problem);
      for (String line : Files.readAllLines(key)) {
        if (line.length() > 20) {
          assertFalse(problem.contains(line), "key content shown: " + problem);
        }
      }
    }
  }

  @Test
  void refusesAKeyOfAnotherCertificate() {
    Path cert = CA.writeChain(dir.resolve("client.pem"), CLIENT);
    Path otherKey =
        TestPki.writePkcs8Key(dir.resolve("other.pem"), CA.client(NOW.plus(Duration.ofDays(9))));

    assertEquals(
        List.of("KEY: " + otherKey + " holds a key that does not match the certificate in " + cert),
        problems(files(null, cert, otherKey)));
  }

  @Test
  void refusesAnExpiredClientCertificateAtStartNamingItsNotAfter() throws Exception {
    TestPki.Issued expired = CA.client(NOW.minus(Duration.ofHours(1)));
    NatsTls tls =
        files(
            null,
            CA.writeChain(dir.resolve("client.pem"), expired),
            TestPki.writePkcs8Key(dir.resolve("key.pem"), expired));

    assertEquals(
        List.of(
            "CERT: "
                + dir.resolve("client.pem")
                + " holds a client certificate that expired at "
                + expired.certificate().getNotAfter().toInstant()),
        problems(tls));
    // At a connect, whether it is still valid is the server's call.
    assertTrue(TlsFiles.read(tls).key().isPresent());
  }
}
