package dev.marketdata.adapters.out.nats;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files of {@link NatsTls}: at start, to refuse bad files with every problem at once,
 * and at every connect, so that files rotated in place are used from the next connection on.
 * Problems name the file, never a key's content.
 */
public final class TlsFiles {

  private static final char[] NO_PASSWORD = new char[0];

  /** Which file a problem is about. */
  public enum Role {
    CA,
    CERT,
    KEY
  }

  /** One thing wrong with one file. */
  public record Problem(Role role, String message) {}

  /** Files that cannot be used, with every problem found. */
  public static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    /** The problems, for the configuration check. */
    @SuppressWarnings("serial") // never serialised
    private final List<Problem> problems;

    Unusable(List<Problem> problems) {
      super(String.join("; ", problems.stream().map(Problem::message).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** What the files hold. */
  public record Material(
      List<X509Certificate> trusted, List<X509Certificate> chain, Optional<PrivateKey> key) {

    /** A client TLS context for what the files hold: these CAs (else the JVM's), this identity. */
    public SSLContext sslContext() throws GeneralSecurityException {
      KeyStore trust = null;
      if (!trusted.isEmpty()) {
        trust = emptyStore();
        for (int i = 0; i < trusted.size(); i++) {
          trust.setCertificateEntry("ca-" + i, trusted.get(i));
        }
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      KeyManager[] keyManagers = null;
      if (key.isPresent()) {
        KeyStore identity = emptyStore();
        identity.setKeyEntry(
            "client", key.get(), NO_PASSWORD, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(identity, NO_PASSWORD);
        keyManagers = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers.getTrustManagers(), null);
      return context;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (IOException e) {
        throw new KeyManagementException("cannot create an in-memory key store", e);
      }
      return store;
    }

    /** When the client certificate expires, if there is one. */
    public Optional<Instant> clientNotAfter() {
      return chain.isEmpty()
          ? Optional.empty()
          : Optional.of(chain.getFirst().getNotAfter().toInstant());
    }
  }

  private TlsFiles() {}

  /** Reads and checks every file, as at start: an expired client certificate is refused too. */
  public static Material check(NatsTls tls, Instant now) throws Unusable {
    List<Problem> problems = new ArrayList<>();
    Material material = read(tls, problems);
    material
        .clientNotAfter()
        .filter(notAfter -> notAfter.isBefore(now))
        .ifPresent(
            notAfter ->
                problems.add(
                    new Problem(
                        Role.CERT,
                        tls.certFile().orElseThrow()
                            + " holds a client certificate that expired at "
                            + notAfter)));
    if (!problems.isEmpty()) {
      throw new Unusable(problems);
    }
    return material;
  }

  /**
   * Reads every file, as at a connect: whether a certificate is still valid is the server's call.
   */
  public static Material read(NatsTls tls) throws Unusable {
    List<Problem> problems = new ArrayList<>();
    Material material = read(tls, problems);
    if (!problems.isEmpty()) {
      throw new Unusable(problems);
    }
    return material;
  }

  private static Material read(NatsTls tls, List<Problem> problems) {
    List<X509Certificate> trusted =
        tls.caFile().map(file -> certificates(file, Role.CA, problems)).orElse(List.of());
    List<X509Certificate> chain =
        tls.certFile().map(file -> certificates(file, Role.CERT, problems)).orElse(List.of());
    Optional<PrivateKey> key = tls.keyFile().flatMap(file -> key(file, problems));
    if (!chain.isEmpty() && key.isPresent() && !matches(key.get(), chain.getFirst())) {
      problems.add(
          new Problem(
              Role.KEY,
              tls.keyFile().orElseThrow()
                  + " holds a key that does not match the certificate in "
                  + tls.certFile().orElseThrow()));
    }
    return new Material(trusted, chain, key);
  }

  private static List<X509Certificate> certificates(Path file, Role role, List<Problem> problems) {
    List<Object> blocks = pem(file, role, problems);
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object block : blocks) {
      if (block instanceof X509CertificateHolder holder) {
        try {
          certificates.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          problems.add(new Problem(role, file + " holds a certificate that cannot be read"));
          return List.of();
        }
      }
    }
    if (certificates.isEmpty() && !blocks.isEmpty()) {
      problems.add(new Problem(role, file + " holds no CERTIFICATE block"));
    }
    return certificates;
  }

  private static Optional<PrivateKey> key(Path file, List<Problem> problems) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    List<Object> blocks = pem(file, Role.KEY, problems);
    for (Object block : blocks) {
      try {
        switch (block) {
          case PrivateKeyInfo pkcs8 -> {
            return Optional.of(converter.getPrivateKey(pkcs8));
          }
          case PEMKeyPair traditional -> {
            return Optional.of(converter.getPrivateKey(traditional.getPrivateKeyInfo()));
          }
          case PEMEncryptedKeyPair encrypted -> {
            problems.add(encrypted(file));
            return Optional.empty();
          }
          case PKCS8EncryptedPrivateKeyInfo encrypted -> {
            problems.add(encrypted(file));
            return Optional.empty();
          }
          default -> {}
        }
      } catch (IOException e) {
        problems.add(new Problem(Role.KEY, file + " holds a private key that cannot be read"));
        return Optional.empty();
      }
    }
    if (!blocks.isEmpty()) {
      problems.add(new Problem(Role.KEY, file + " holds no PRIVATE KEY block"));
    }
    return Optional.empty();
  }

  private static Problem encrypted(Path file) {
    return new Problem(
        Role.KEY,
        file
            + " holds an encrypted key, which is not supported: decrypt it with"
            + " `openssl pkey -in "
            + file
            + " -out key.pem` and keep that file readable only by the service");
  }

  /** The PEM blocks of a file; none, with a problem recorded, when it cannot be read as PEM. */
  private static List<Object> pem(Path file, Role role, List<Problem> problems) {
    if (Files.isDirectory(file)) {
      problems.add(new Problem(role, file + " is a directory, not a file"));
      return List.of();
    }
    if (!Files.exists(file)) {
      problems.add(new Problem(role, file + " does not exist"));
      return List.of();
    }
    List<Object> blocks = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle's messages may quote what it read: never shown, it could be a key.
      problems.add(
          new Problem(
              role,
              Files.isReadable(file)
                  ? file + " is not valid PEM"
                  : file + " cannot be read by this user"));
      return List.of();
    }
    if (blocks.isEmpty()) {
      problems.add(new Problem(role, file + " is not PEM: it has no -----BEGIN ...----- block"));
    }
    return blocks;
  }

  /** A signature made with the key that the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm());
    }
    try {
      byte[] data = new byte[32];
      new SecureRandom().nextBytes(data);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
