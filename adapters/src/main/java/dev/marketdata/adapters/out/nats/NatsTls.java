package dev.marketdata.adapters.out.nats;

import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.Parser;
import dev.marketdata.adapters.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import nl.altindag.ssl.SSLFactory;
import nl.altindag.ssl.model.TrustManagerParameters;
import nl.altindag.ssl.pem.util.PemUtils;
import nl.altindag.ssl.util.TrustManagerUtils;

/** The PEM files of TLS to NATS. Any file turns TLS on; none leaves it to the URL's scheme. */
public record NatsTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
  public static final Setting<Path> CA_FILE =
      Setting.optional("NATS_TLS_CA_FILE", "PEM CAs trusted for NATS; TLS on", Parser.path());
  public static final Setting<Path> CERT_FILE =
      Setting.optional("NATS_TLS_CERT_FILE", "PEM client cert chain; TLS on", Parser.path());
  public static final Setting<Path> KEY_FILE =
      Setting.optional("NATS_TLS_KEY_FILE", "its unencrypted PEM key; TLS on", Parser.path());

  static NatsTls from(Env env) {
    NatsTls tls =
        new NatsTls(env.optional(CA_FILE), env.optional(CERT_FILE), env.optional(KEY_FILE));
    if (env.together(CERT_FILE, KEY_FILE) && tls.configured()) {
      tls.check(env);
    }
    return tls;
  }

  boolean configured() {
    return caFile.isPresent() || certFile.isPresent();
  }

  /** Reads each file as a connect would; reports each unusable one, never its content. */
  private void check(Env env) {
    caFile.ifPresent(
        f -> read(env, CA_FILE, f, "a PEM file of the CA certificates trusted for NATS"));
    certFile.ifPresent(
        f -> {
          var chain = read(env, CERT_FILE, f, "a PEM file of the client certificate chain");
          chain
              .flatMap(NatsTls::notAfter)
              .filter(notAfter -> notAfter.isBefore(Instant.now()))
              .ifPresent(
                  at ->
                      env.problem(
                          CERT_FILE.name(),
                          f.toString(),
                          "a certificate valid now (it expired at " + at + ")"));
        });
    keyFile.ifPresent(
        f -> {
          if (unusable(env, KEY_FILE, f)) {
            return;
          }
          try {
            PemUtils.loadPrivateKey(f);
          } catch (RuntimeException e) {
            env.problem(
                KEY_FILE.name(),
                f.toString(),
                "a PEM file of an unencrypted private key (to decrypt one: `openssl pkey -in "
                    + f
                    + " -out key.pem`, readable only by the service)");
          }
        });
  }

  private static Optional<List<X509Certificate>> read(
      Env env, Setting<Path> setting, Path file, String expected) {
    if (unusable(env, setting, file)) {
      return Optional.empty();
    }
    try {
      List<X509Certificate> certificates = PemUtils.loadCertificate(file);
      if (!certificates.isEmpty()) {
        return Optional.of(certificates);
      }
    } catch (RuntimeException e) {
      // Its message may quote what it read: never shown.
    }
    env.problem(setting.name(), file.toString(), expected + " (no CERTIFICATE block read)");
    return Optional.empty();
  }

  private static boolean unusable(Env env, Setting<Path> setting, Path file) {
    String why =
        !Files.exists(file)
            ? "it does not exist"
            : !Files.isRegularFile(file)
                ? "it is not a file"
                : !Files.isReadable(file) ? "this user cannot read it" : null;
    if (why != null) {
      env.problem(setting.name(), file.toString(), "a readable PEM file (" + why + ")");
    }
    return why != null;
  }

  static Optional<Instant> notAfter(List<X509Certificate> chain) {
    return chain.stream().findFirst().map(c -> c.getNotAfter().toInstant());
  }

  /** What the files hold now (CAs, else the JVM's; identity): swappable, or to swap in. */
  SSLFactory read(boolean swappable) {
    SSLFactory.Builder builder = SSLFactory.builder();
    if (swappable) {
      builder.withSwappableTrustMaterial().withSwappableIdentityMaterial();
    }
    builder.withTrustMaterial(
        TrustManagerUtils.createEnhanceableTrustManager(
            caFile
                .map(PemUtils::loadTrustMaterial)
                .orElseGet(TrustManagerUtils::createTrustManagerWithJdkTrustedCertificates),
            NatsTls::checkHostName));
    certFile.ifPresent(
        cert ->
            builder.withIdentityMaterial(
                PemUtils.loadIdentityMaterial(cert, keyFile.orElseThrow())));
    return builder.build();
  }

  /**
   * jnats asks no socket to check the server's host name: this asks each, then the chain is judged.
   */
  private static boolean checkHostName(TrustManagerParameters handshake) {
    SSLSocket socket =
        handshake
            .getSocket()
            .filter(SSLSocket.class::isInstance)
            .map(SSLSocket.class::cast)
            .orElseThrow(() -> new IllegalStateException("a host name is checked on a socket"));
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    return false; // true would trust the chain unjudged
  }

  /** Algorithms BouncyCastle loads by name, named so that the jar's minimiser keeps them. */
  static final class PemAlgorithms {
    static final List<Class<?>> KEPT =
        List.of(
            org.bouncycastle.jcajce.provider.asymmetric.EC.Mappings.class,
            org.bouncycastle.jcajce.provider.asymmetric.RSA.Mappings.class,
            org.bouncycastle.jcajce.provider.asymmetric.EdEC.Mappings.class,
            org.bouncycastle.jcajce.provider.asymmetric.X509.Mappings.class);

    private PemAlgorithms() {}
  }
}
