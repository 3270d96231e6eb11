package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** Controls logback at run time: LOG_FORMAT, LOG_LEVEL, and the final flush. */
public final class Logging {

  private Logging() {}

  /**
   * One line per event for people reading a terminal: time (UTC), level, logger, message, then the
   * event's fields as key="value".
   */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{0} - %msg %kvp%n%ex";

  /**
   * Switches stdout to {@code text}; {@code json} is what {@link JsonLogging} set up already.
   *
   * @param format json or text
   */
  public static void applyFormat(String format) {
    if (!"text".equals(format)
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!(root.getAppender(JsonLogging.APPENDER) instanceof ConsoleAppender<ILoggingEvent> out)) {
      return;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    out.stop();
    out.setEncoder(text);
    out.start();
  }

  /**
   * Sets the root level.
   *
   * @param level TRACE, DEBUG, INFO, WARN or ERROR
   */
  public static void applyLevel(String level) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
  }

  /** Flushes and closes every appender, so that the last line is written before the JVM halts. */
  public static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
