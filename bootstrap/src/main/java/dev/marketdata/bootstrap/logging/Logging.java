package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/** Controls logback at run time: the log format and level, and the final flush. */
public final class Logging {
  private Logging() {}

  /** Switches stdout to {@code text}; {@code json} is what {@link JsonLogging} set up already. */
  public static void applyFormat(String format) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      applyFormat(context, format);
    }
  }

  @SuppressWarnings("unchecked") // the writer JsonLogging made writes ILoggingEvents
  static void applyFormat(LoggerContext context, String format) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if ("text".equals(format)
        && root.getAppender(JsonLogging.STDOUT) instanceof AsyncAppender stdout
        && stdout.getAppender(JsonLogging.WRITER) instanceof OutputStreamAppender<?> writer) {
      ((OutputStreamAppender<ILoggingEvent>) writer).setEncoder(JsonLogging.text(context));
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
