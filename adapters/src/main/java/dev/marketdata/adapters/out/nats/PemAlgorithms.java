package dev.marketdata.adapters.out.nats;

import java.util.List;

/**
 * The BouncyCastle algorithms ayza's PEM reader needs, named so that the fat jar's minimiser keeps
 * them: its provider loads them by name, and skips those the jar lacks. Never loaded.
 */
final class PemAlgorithms {
  static final List<Class<?>> KEPT =
      List.of(
          org.bouncycastle.jcajce.provider.asymmetric.EC.Mappings.class,
          org.bouncycastle.jcajce.provider.asymmetric.RSA.Mappings.class,
          org.bouncycastle.jcajce.provider.asymmetric.EdEC.Mappings.class,
          org.bouncycastle.jcajce.provider.asymmetric.X509.Mappings.class);

  private PemAlgorithms() {}
}
