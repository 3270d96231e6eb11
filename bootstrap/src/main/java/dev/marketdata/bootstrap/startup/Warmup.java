package dev.marketdata.bootstrap.startup;

import com.sun.net.httpserver.spi.HttpServerProvider;
import dev.marketdata.bootstrap.process.BuildInfo;
import io.nats.client.Nats;
import io.prometheus.metrics.config.PrometheusProperties;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A second thread builds what the way to ready needs and the AOT cache cannot hold. It runs while
 * {@code main} starts logging, so it must reach no logger (docs/start-up.md).
 */
public final class Warmup {

  /** The JDK server's {@code Date} header, as {@code sun.net.httpserver.ExchangeImpl} writes it. */
  private static final String HTTP_DATE_PATTERN = "EEE, dd MMM yyyy HH:mm:ss zzz";

  private Warmup() {}

  /** Starts warming up in the background and returns at once. */
  public static void startInBackground() {
    Thread.ofPlatform().name("warmup").daemon().start(Warmup::run);
  }

  /** In the order the way to ready needs it. */
  private static void run() {
    // The first resource read opens the jar and indexes its entries: here rather than on main.
    BuildInfo.version();
    // Read by the Prometheus client when the first metric is built.
    PrometheusProperties.get();
    // jnats' version (read from the jar), and the seeded SecureRandom of its connection ids.
    String natsVersion = Nats.CLIENT_VERSION;
    new SecureRandom().nextBytes(new byte[natsVersion.length()]);
    InetAddress.getLoopbackAddress();
    // The health server's service lookups, and the locale data of its Date header.
    HttpServerProvider.provider();
    SelectorProvider.provider();
    System.LoggerFinder.getLoggerFinder();
    DateTimeFormatter.ofPattern(HTTP_DATE_PATTERN, Locale.US)
        .withZone(ZoneId.of("GMT"))
        .formatTo(Instant.now(), new StringBuilder());
  }
}
