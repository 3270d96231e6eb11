package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.CoreConstants;

/**
 * Logback as SLF4J's provider without its auto-configuration, whose reads of the jar slowed the way
 * to ready (docs/start-up.md). Named by {@code -Dslf4j.provider} in the image.
 */
public final class JsonLoggingProvider extends LogbackServiceProvider {
  @Override
  public void initialize() {
    LoggerContext context = (LoggerContext) getLoggerFactory();
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(getMDCAdapter());
    JsonLogging configurator = new JsonLogging();
    configurator.setContext(context);
    configurator.configure(context);
    context.start();
  }
}
