package dev.marketdata.adapters.out.nats;

import io.nats.client.Nats;
import java.net.InetAddress;
import java.security.SecureRandom;

/**
 * Builds what jnats' first connection attempt would otherwise build while readiness waits on it.
 * Apart from {@link NatsMessagingAdapter} on purpose: the start-up preparation thread calls this
 * while {@code main} is still starting logging, so nothing here may reach a logger.
 */
public final class NatsPreparation {

  private NatsPreparation() {}

  /**
   * jnats' entry point, whose initialisation reads jnats' version from the jar; the JDK's security
   * providers and a seeded {@link SecureRandom} (jnats seeds one for the connection's unique ids,
   * about 15 ms of CPU the first time); and the JDK's address classes.
   *
   * @return jnats' version, as read on the way
   */
  public static String firstConnect() {
    String version = Nats.CLIENT_VERSION;
    new SecureRandom().nextBytes(new byte[Long.BYTES]);
    InetAddress.getLoopbackAddress();
    return version;
  }
}
