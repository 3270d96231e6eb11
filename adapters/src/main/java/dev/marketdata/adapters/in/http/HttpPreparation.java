package dev.marketdata.adapters.in.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.spi.HttpServerProvider;
import dev.marketdata.application.port.in.HealthReport;
import dev.marketdata.application.port.in.Probe;
import dev.marketdata.domain.ServiceState;
import io.prometheus.metrics.config.PrometheusProperties;
import java.nio.channels.spi.SelectorProvider;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds what the health server's first response would otherwise build while the first probe waits
 * on it. Apart from {@link HealthHttpServer} on purpose: the start-up preparation thread calls this
 * while {@code main} is still starting logging, so nothing here may reach a logger.
 */
public final class HttpPreparation {

  /** The JDK server's {@code Date} header, as {@code sun.net.httpserver.ExchangeImpl} writes it. */
  private static final String HTTP_DATE_PATTERN = "EEE, dd MMM yyyy HH:mm:ss zzz";

  private HttpPreparation() {}

  /**
   * The Prometheus client's configuration, which it reads from the jar (its optional {@code
   * prometheus.properties}) when the first metric is built.
   */
  public static void firstMetric() {
    PrometheusProperties.get();
  }

  /**
   * What the first server looks up among the jar's services when it is created: the JDK's HTTP
   * server implementation, its channel implementation, and its logging back end (the server asks
   * for a {@link System.Logger}).
   */
  public static void firstServer() {
    HttpServerProvider.provider();
    SelectorProvider.provider();
    System.LoggerFinder.getLoggerFinder();
  }

  /**
   * The locale data behind the JDK server's {@code Date} header (day, month and zone names, about
   * 20 ms of CPU on the first response), and the serializer of the health body.
   */
  public static void firstResponse() {
    DateTimeFormatter.ofPattern(HTTP_DATE_PATTERN, Locale.US)
        .withZone(ZoneId.of("GMT"))
        .formatTo(Instant.now(), new StringBuilder());
    try {
      HealthJson.MAPPER.writeValueAsBytes(
          HealthBody.from(new HealthReport(Probe.READINESS, false, ServiceState.NOT_READY)));
    } catch (JsonProcessingException e) {
      // Nothing prepared, nothing lost: the first response serialises the same body and says so.
    }
  }
}
