package dev.marketdata.bootstrap.training;

import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.bootstrap.config.DurationText;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.logging.Logging;
import dev.marketdata.bootstrap.probe.ReadinessProbe;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.bootstrap.wiring.ServiceGraph;
import dev.marketdata.bootstrap.wiring.ShutdownOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --train} mode, run once while the image is built to record the JDK's AOT cache: the
 * real start-up, connected, publishing, probe and shutdown paths, against {@link
 * TrainingNatsServer} (an image build has no NATS), then exit.
 */
public final class AotTraining {

  private static final Logger LOG = LoggerFactory.getLogger(AotTraining.class);

  /** Several heartbeats within the settle time, so that publishing is part of what is recorded. */
  static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(50);

  private static final Duration SETTLE_TIME = Duration.ofMillis(300);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);

  private AotTraining() {}

  /**
   * Runs the service against the stand-in until ready, lets it publish, and stops it.
   *
   * @param config the configuration the image would run with
   * @return {@link ExitCode#OK}; non-zero when the run never became ready (a cache without the
   *     connected path would silently slow every start) or did not stop cleanly
   */
  public static int run(ServiceConfig config) {
    try (TrainingNatsServer nats = new TrainingNatsServer()) {
      ServiceGraph graph =
          ServiceGraph.start(
              configFor(config, nats.url()),
              BuildInfo.version(),
              BuildInfo.revision(),
              Clock.systemUTC());
      boolean ready = awaitReady(graph.healthPort());
      Thread.sleep(SETTLE_TIME);
      ShutdownOutcome outcome = graph.shutdown();
      outcome.log();
      if (!ready) {
        LOG.error("training run never became ready within {}", DurationText.format(READY_TIMEOUT));
        return ExitCode.FAILURE;
      }
      return outcome.exitCode();
    } catch (IOException e) {
      LOG.error("training run failed: {}", String.valueOf(e));
      return ExitCode.START_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILURE;
    } finally {
      Logging.flush();
    }
  }

  /**
   * The configuration of the training run: the image's own, but on a free loopback health port,
   * with a quick heartbeat, against the given NATS stand-in and without credentials.
   *
   * @param config the configuration the image would run with
   * @param natsUrl the stand-in's URL
   * @return the training configuration
   */
  static ServiceConfig configFor(ServiceConfig config, String natsUrl) {
    return new ServiceConfig(
        List.of(natsUrl),
        config.clientId(),
        config.clusterId(),
        new NatsCredentials.None(),
        config.logLevel(),
        config.logFormat(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        HEARTBEAT_INTERVAL,
        config.shutdownTimeout(),
        config.drainTimeout(),
        config.reconnectWait(),
        config.pingInterval(),
        config.maxPingsOut());
  }

  /**
   * Polls readiness the way the container probe does, so that its path is recorded too. No scrape:
   * the cache is loaded whole at each start, and the first scrape's classes (the JVM metrics', 2.7
   * MB of cache) are not needed to become ready.
   */
  private static boolean awaitReady(int healthPort) throws InterruptedException {
    InetSocketAddress health = new InetSocketAddress(InetAddress.getLoopbackAddress(), healthPort);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (statusOf(health, HealthHttpServer.READY_PATH) == 200) {
        statusOf(health, HealthHttpServer.LIVE_PATH);
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private static int statusOf(InetSocketAddress health, String path) {
    try {
      return ReadinessProbe.status(health, path, ReadinessProbe.TIMEOUT);
    } catch (IOException e) {
      return -1;
    }
  }
}
