package dev.marketdata.bootstrap.wiring;

import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.adapters.out.nats.NatsMessagingAdapter;
import org.slf4j.LoggerFactory;

/**
 * Builds, on a background thread, the JDK and library state that the first NATS connection and the
 * first health response would otherwise build on the way to ready: while {@code main} reads the
 * configuration and starts logging, the second core does it. The AOT cache cannot hold this state
 * (it keeps classes, not their initialised statics). Holds no logger: it starts before logging
 * does.
 */
public final class StartupPreparation {

  private StartupPreparation() {}

  /**
   * Starts logging on the calling thread, then preparing in the background, and returns.
   *
   * <p>Logging first: SLF4J hands any thread that asks for a logger while another thread
   * initialises it a stand-in that is never replaced, and the classes prepared here hold loggers.
   */
  public static void startInBackground() {
    LoggerFactory.getILoggerFactory();
    Thread.ofPlatform().name("prepare").daemon().start(StartupPreparation::prepare);
  }

  private static void prepare() {
    // In the order start-up needs them: NATS connects before the first probe is answered.
    NatsMessagingAdapter.prepareFirstConnect();
    HealthHttpServer.prepareFirstResponse();
  }
}
