package dev.marketdata.adapters.out.nats;

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
   * The JDK's security providers and a seeded {@link SecureRandom} (jnats seeds one for the
   * connection's unique ids, about 15 ms of CPU the first time), and the JDK's address classes.
   */
  public static void firstConnect() {
    new SecureRandom().nextBytes(new byte[Long.BYTES]);
    InetAddress.getLoopbackAddress();
  }
}
