package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import dev.marketdata.bootstrap.process.BuildInfo;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * Configures logback in code, through its {@link Configurator} service: one JSON object per line on
 * stdout. In code rather than in {@code logback.xml} because parsing the XML was the largest single
 * cost of the service's start-up; and nothing but JSON may reach stdout, so logback's own status
 * output is switched off.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {

  /** The stdout appender's name, by which LOG_FORMAT=text finds it. */
  static final String APPENDER = "STDOUT";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getStatusManager().add(new NopStatusListener());

    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    // The events carry strings, numbers and maps: no Jackson module to look for, and no
    // ServiceLoader
    // scan of the whole jar on every start.
    encoder.setFindAndRegisterJacksonModules(false);
    encoder.setCustomFields(
        "{\"service\":\"market-data-service\",\"version\":\"" + BuildInfo.version() + "\"}");
    encoder.start();

    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName(APPENDER);
    stdout.setEncoder(encoder);
    stdout.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // LOG_LEVEL is applied by the bootstrap once the configuration (env and .env) is read.
    root.setLevel(Level.INFO);
    root.addAppender(stdout);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
