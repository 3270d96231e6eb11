package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Logback in code (no XML parsed at start): one JSON object per line on stdout, written by an
 * {@link AsyncAppender} that never drops an event; {@link Logging#flush} drains it before exit.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {

  /** Where in the logger context the log format setting finds the stdout encoder. */
  static final String ENCODER = StdoutEncoder.class.getName();

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getStatusManager().add(new NopStatusListener());

    StdoutEncoder encoder = new StdoutEncoder();
    encoder.setContext(context);
    encoder.start();
    context.putObject(ENCODER, encoder);

    ConsoleAppender<ILoggingEvent> writer = new ConsoleAppender<>();
    writer.setContext(context);
    writer.setName("STDOUT-WRITER");
    writer.setEncoder(encoder);
    writer.start();

    AsyncAppender stdout = new AsyncAppender();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setDiscardingThreshold(0);
    stdout.setNeverBlock(false);
    stdout.addAppender(writer);
    stdout.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // The log level is applied by the bootstrap once the configuration (env and .env) is read.
    root.setLevel(Level.INFO);
    root.addAppender(stdout);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
