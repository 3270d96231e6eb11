package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
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

  static void applyFormat(LoggerContext context, String format) {
    if (!"text".equals(format)) {
      return;
    }
    if (context.getObject(JsonLogging.ENCODER) instanceof StdoutEncoder encoder) {
      encoder.useText();
    }
  }

  /** Sets the root level. */
  public static void applyLevel(String level) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
  }

  /**
   * Writes every queued event and closes every appender, so that the last line is out before the
   * JVM halts.
   */
  public static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      flush(context);
    }
  }

  static void flush(LoggerContext context) {
    context.stop();
  }
}
