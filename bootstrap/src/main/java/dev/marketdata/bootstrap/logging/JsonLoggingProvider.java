package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.CoreConstants;

/**
 * Logback as SLF4J's provider, configured by {@link JsonLogging} without logback's
 * auto-configuration, whose reads of the jar would open it on {@code main}'s way to ready
 * (docs/start-up.md). The image names it in {@code -Dslf4j.provider}; without that, logback finds
 * {@link JsonLogging} itself.
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
