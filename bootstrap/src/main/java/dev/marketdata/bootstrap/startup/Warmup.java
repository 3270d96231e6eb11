package dev.marketdata.bootstrap.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * While main reads the configuration and starts logging, a second thread builds what the way to
 * ready needs and the AOT cache cannot hold: initialised statics, the opened jar
 * (docs/start-up.md).
 */
public final class Warmup {
  private Warmup() {}

  public static void startInBackground() {
    Thread.ofPlatform().name("warmup").daemon().start(Warmup::run);
  }

  private static void run() {
    // Jackson first: main's next step is the JSON log encoder, built on it.
    var unused = new ObjectMapper().createObjectNode().put("warm", true).toString();
    BuildInfo.version(); // the first resource read opens the jar and indexes it
    PrometheusProperties.get();
    new SecureRandom().nextBytes(new byte[Nats.CLIENT_VERSION.length()]);
    InetAddress.getLoopbackAddress();
    HttpServerProvider.provider();
    SelectorProvider.provider();
    System.LoggerFinder.getLoggerFinder();
    // The locale data of the health server's Date header.
    DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
        .withZone(ZoneId.of("GMT"))
        .formatTo(Instant.now(), new StringBuilder());
  }
}
