package dev.marketdata.bootstrap.wiring;

import dev.marketdata.adapters.in.http.HttpPreparation;
import dev.marketdata.adapters.out.nats.NatsPreparation;
import dev.marketdata.bootstrap.process.BuildInfo;

/**
 * Builds, on a background thread, the JDK and library state that the first NATS connection and the
 * first health response would otherwise build on the way to ready, and opens the application jar
 * for whoever reads it next: while {@code main} starts logging and reads the configuration, the
 * second core does it. The AOT cache cannot hold this state (it keeps classes, not their
 * initialised statics; and it serves classes, so that the jar is opened by the first resource read
 * instead).
 *
 * <p>It starts before logging does, so it reaches no logger, not even through the classes it uses
 * (an architecture rule checks that): SLF4J hands a thread that asks for a logger while another
 * thread initialises SLF4J a stand-in rather than the real logger.
 */
public final class StartupPreparation {

  private StartupPreparation() {}

  /** Starts preparing in the background and returns at once. */
  public static void startInBackground() {
    Thread.ofPlatform().name("prepare").daemon().start(StartupPreparation::prepare);
  }

  private static void prepare() {
    // The first read of the application jar opens it and indexes its entries (the AOT cache
    // spares class loading that): here, off main's way to ready, and before anything else reads it.
    BuildInfo.version();
    // Then in the order start-up needs them: the metrics are wired, NATS connects, the health
    // server is created, and the first probe is answered.
    HttpPreparation.firstMetric();
    NatsPreparation.firstConnect();
    HttpPreparation.firstServer();
    HttpPreparation.firstResponse();
  }
}
