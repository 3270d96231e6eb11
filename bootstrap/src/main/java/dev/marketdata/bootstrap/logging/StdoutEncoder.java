package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.domain.ServiceIdentity;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * JSON (logstash-logback-encoder), or text for people. Built on the first event, on the async
 * appender's worker: its Jackson start-up runs beside the service's, not before it.
 */
final class StdoutEncoder extends EncoderBase<ILoggingEvent> {

  /** Time (UTC), level, logger, message, then the event's fields as key="value". */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{0} - %msg %kvp%n%ex";

  private volatile boolean text;
  private Encoder<ILoggingEvent> current;

  /** From the next event on, writes text instead of JSON. */
  void useText() {
    text = true;
  }

  @Override
  public byte[] headerBytes() {
    // Neither format writes a header: nothing to build the encoder for yet.
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return current().encode(event);
  }

  @Override
  public synchronized byte[] footerBytes() {
    return current == null ? null : current.footerBytes();
  }

  @Override
  public synchronized void stop() {
    if (current != null) {
      current.stop();
    }
    super.stop();
  }

  private synchronized Encoder<ILoggingEvent> current() {
    boolean wanted = text;
    if (current == null || (current instanceof PatternLayoutEncoder) != wanted) {
      if (current != null) {
        current.stop();
      }
      current = wanted ? text() : json();
      current.start();
    }
    return current;
  }

  private Encoder<ILoggingEvent> json() {
    LogstashEncoder json = new ServiceJsonEncoder();
    json.setContext(getContext());
    // The events carry strings, numbers and maps: no Jackson module to look for, and no
    // ServiceLoader scan of the whole jar.
    json.setFindAndRegisterJacksonModules(false);
    return json;
  }

  /**
   * The service's fields as a tree, not a JSON string: parsing one would initialise BigDecimal's
   * tables (JDK 25), which cost more than the rest of the encoder's start-up.
   */
  private static final class ServiceJsonEncoder extends LogstashEncoder {

    ServiceJsonEncoder() {
      getFormatter()
          .setCustomFields(
              JsonNodeFactory.instance
                  .objectNode()
                  .put("service", ServiceIdentity.SERVICE_NAME)
                  .put("version", BuildInfo.version()));
    }
  }

  private Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(getContext());
    pattern.setPattern(TEXT_PATTERN);
    return pattern;
  }
}
