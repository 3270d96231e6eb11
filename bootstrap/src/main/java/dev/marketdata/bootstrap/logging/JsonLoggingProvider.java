package dev.marketdata.bootstrap.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.CoreConstants;

/**
 * Logback as SLF4J's provider, configured by {@link JsonLogging} directly instead of through
 * logback's auto-configuration. The image names it in {@code -Dslf4j.provider}. The
 * auto-configuration reads the application jar three times (logback's two version files, then the
 * service file that names {@link JsonLogging}); the first read of the jar opens it and indexes its
 * thousands of entries, which the AOT cache spares every other start-up step, so {@code main} would
 * pay it on the way to ready. Without the property, logback's own provider finds {@link
 * JsonLogging} through that service file, and logging is the same.
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
