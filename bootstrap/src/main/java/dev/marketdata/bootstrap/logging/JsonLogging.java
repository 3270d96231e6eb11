package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.domain.ServiceIdentity;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Logback in code (no XML parsed at start): one JSON object per line on stdout, written by an
 * {@link AsyncAppender} that never drops an event; {@link #flush} drains it before exit.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {
  static final String STDOUT = "STDOUT";
  static final String WRITER = "STDOUT-WRITER";

  /** Time (UTC), level, logger, message, then the event's fields as key="value". */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{0} - %msg %kvp%n%ex";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getStatusManager().add(new NopStatusListener());

    ConsoleAppender<ILoggingEvent> writer = new ConsoleAppender<>();
    writer.setContext(context);
    writer.setName(WRITER);
    writer.setEncoder(json(context));
    writer.start();

    AsyncAppender stdout = new AsyncAppender();
    stdout.setContext(context);
    stdout.setName(STDOUT);
    stdout.setDiscardingThreshold(0);
    stdout.setNeverBlock(false);
    stdout.addAppender(writer);
    stdout.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // The level is applied once the configuration (env and .env) is read.
    root.setLevel(Level.INFO);
    root.addAppender(stdout);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    LogstashEncoder json = new LogstashEncoder();
    json.setContext(context);
    json.setCustomFields(
        "{\"service\":\"%s\",\"version\":\"%s\"}"
            .formatted(ServiceIdentity.SERVICE_NAME, BuildInfo.version()));
    json.start();
    return json;
  }

  static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /** Switches stdout to {@code text}; {@code json} is what {@link #configure} set up already. */
  public static void applyFormat(String format) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      applyFormat(context, format);
    }
  }

  @SuppressWarnings("unchecked") // the writer JsonLogging made writes ILoggingEvents
  static void applyFormat(LoggerContext context, String format) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if ("text".equals(format)
        && root.getAppender(STDOUT) instanceof AsyncAppender stdout
        && stdout.getAppender(WRITER) instanceof OutputStreamAppender<?> writer) {
      ((OutputStreamAppender<ILoggingEvent>) writer).setEncoder(text(context));
    }
  }

  public static void applyLevel(String level) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
  }

  /** Writes every queued event and closes every appender: the last line is out before a halt. */
  public static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
