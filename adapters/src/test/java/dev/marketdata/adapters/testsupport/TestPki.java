package dev.marketdata.adapters.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import nl.altindag.ssl.SSLFactory;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority for tests: EC P-256 keys, certificates for 127.0.0.1 and
 * localhost, written as PEM files. Made in memory in milliseconds, no openssl needed.
 */
public final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final String name;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestPki(String name, KeyPair keys, X509Certificate certificate) {
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new CA, valid from an hour ago for a year. */
  public static TestPki newCa(String name) {
    KeyPair keys = newKeys();
    X509Certificate ca =
        sign(
            name,
            keys,
            name,
            keys.getPrivate(),
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(365)),
            null);
    return new TestPki(name, keys, ca);
  }

  /** A certificate and its key, issued by this CA. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  /** A server certificate for 127.0.0.1 and localhost. */
  public Issued server() {
    return server(
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"));
  }

  /** A server certificate for localhost alone, not for its address. */
  public Issued serverForLocalhostOnly() {
    return server(new GeneralName(GeneralName.dNSName, "localhost"));
  }

  private Issued server(GeneralName... names) {
    return issue(
        "nats-server",
        Instant.now().plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_serverAuth,
        names);
  }

  /** A client certificate that expires at the given time. */
  public Issued client(Instant notAfter) {
    return issue(
        "market-data-service",
        notAfter,
        KeyPurposeId.id_kp_clientAuth,
        new GeneralName(GeneralName.dNSName, "market-data-service"));
  }

  private Issued issue(
      String subject, Instant notAfter, KeyPurposeId purpose, GeneralName... names) {
    KeyPair subjectKeys = newKeys();
    Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
    Instant notBefore = notAfter.isAfter(dayAgo) ? dayAgo : notAfter.minus(Duration.ofDays(1));
    return new Issued(
        sign(subject, subjectKeys, name, keys.getPrivate(), notBefore, notAfter, purpose, names),
        subjectKeys);
  }

  /** A client context that trusts this CA and presents {@code client}: for test subscribers. */
  public SSLContext clientContext(Issued client) {
    return SSLFactory.builder()
        .withIdentityMaterial(
            client.keys().getPrivate(), new char[0], client.certificate(), certificate)
        .withTrustMaterial(certificate)
        .build()
        .getSslContext();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Writes this CA's certificate. */
  public Path writeCertificate(Path file) {
    return write(file, pem(certificate));
  }

  /** Writes a certificate followed by this CA's: a chain, leaf first. */
  public Path writeChain(Path file, Issued issued) {
    return write(file, pem(issued.certificate()) + pem(certificate));
  }

  /** Writes a key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public static Path writePkcs8Key(Path file, Issued issued) {
    try {
      return write(file, pem(new JcaPKCS8Generator(issued.keys().getPrivate(), null).generate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a key in OpenSSL's traditional form ({@code BEGIN EC PRIVATE KEY}), its curve named
   * inside as {@code openssl ecparam -genkey} does (BouncyCastle's own writer leaves it out).
   */
  public static Path writeTraditionalKey(Path file, Issued issued) {
    try {
      PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(issued.keys().getPrivate().getEncoded());
      ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
      ECPrivateKey withCurve =
          new ECPrivateKey(
              256,
              inner.getKey(),
              SubjectPublicKeyInfo.getInstance(issued.keys().getPublic().getEncoded())
                  .getPublicKeyData(),
              pkcs8.getPrivateKeyAlgorithm().getParameters());
      return write(file, pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an RSA key in OpenSSL's traditional form ({@code BEGIN RSA PRIVATE KEY}). */
  public static Path writeTraditionalRsaKey(Path file, KeyPair rsa) {
    return write(file, pem(rsa));
  }

  /**
   * Writes a key encrypted the traditional way ({@code Proc-Type: 4,ENCRYPTED}). Its body is
   * random: a reader refuses such a key on its headers, before any decryption.
   */
  public static Path writeEncryptedTraditionalKey(Path file) {
    byte[] body = new byte[128];
    new SecureRandom().nextBytes(body);
    return write(
        file,
        "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(body)
            + "\n-----END EC PRIVATE KEY-----\n");
  }

  /**
   * Writes a key encrypted as PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}). Its ciphertext is
   * random: a reader refuses such a key on its structure, before any decryption.
   */
  public static Path writeEncryptedPkcs8Key(Path file) {
    byte[] salt = new byte[16];
    byte[] ciphertext = new byte[160];
    new SecureRandom().nextBytes(salt);
    new SecureRandom().nextBytes(ciphertext);
    try {
      EncryptedPrivateKeyInfo info =
          new EncryptedPrivateKeyInfo(
              new AlgorithmIdentifier(
                  PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                  new PKCS12PBEParams(salt, 2048)),
              ciphertext);
      return write(file, pem(new PemObject("ENCRYPTED PRIVATE KEY", info.getEncoded())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (Writer writer = text;
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      PrivateKey issuerKey,
      Instant notBefore,
      Instant notAfter,
      KeyPurposeId purpose,
      GeneralName... names) {
    boolean ca = purpose == null;
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Principal("CN=" + issuer),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Principal("CN=" + subject),
              subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
