package dev.marketdata.bootstrap;

import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.adapters.out.nats.UrlMasking;
import dev.marketdata.bootstrap.config.ConfigLoader;
import dev.marketdata.bootstrap.config.ConfigProblem;
import dev.marketdata.bootstrap.config.DurationText;
import dev.marketdata.bootstrap.config.EffectiveConfiguration;
import dev.marketdata.bootstrap.config.EnvironmentSnapshot;
import dev.marketdata.bootstrap.config.InvalidConfigException;
import dev.marketdata.bootstrap.config.ServiceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service: configuration, start, and the one orchestrated shutdown. */
final class ServiceRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
  private static final Duration TRAINING_SETTLE_TIME = Duration.ofMillis(300);
  private static final Duration TRAINING_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private ServiceRunner() {}

  /** Never returns: the process ends from the shutdown hook, or at once on a start failure. */
  static void runUntilSignalled() {
    AtomicReference<ServiceGraph> running = new AtomicReference<>();
    // Registered first, so that a signal during start-up still ends in a logged, clean stop.
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> stop(running.get())));
    ServiceConfig config = loadOrExit();
    try {
      running.set(start(config));
    } catch (IOException e) {
      LOG.atError()
          .addKeyValue("variable", ConfigLoader.HEALTH_PORT)
          .log(
              "cannot listen on {}={} ({}={}): {}",
              ConfigLoader.HEALTH_PORT,
              config.healthPort(),
              ConfigLoader.HEALTH_BIND,
              config.healthAddress().getAddress().getHostAddress(),
              String.valueOf(e));
      halt(ExitCode.START_FAILED);
    } catch (RuntimeException e) {
      LOG.error("start failed", e);
      halt(ExitCode.START_FAILED);
    }
    awaitForever();
  }

  /**
   * The AOT training run: the real start-up, connected and shutdown paths, on a free port and
   * against an in-process NATS stand-in, then exit.
   *
   * @return the exit code
   */
  static int train() {
    ServiceConfig config = loadOrExit();
    try (TrainingNatsServer nats = new TrainingNatsServer()) {
      ServiceGraph graph = start(config.forTraining(nats.url()));
      InetSocketAddress health =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), graph.healthPort());
      long deadline = System.nanoTime() + TRAINING_CONNECT_TIMEOUT.toNanos();
      boolean ready = false;
      while (!ready && System.nanoTime() < deadline) {
        ready =
            ReadinessProbe.status(health, HealthHttpServer.READY_PATH, ReadinessProbe.TIMEOUT)
                == 200;
        if (!ready) {
          Thread.sleep(10);
        }
      }
      ReadinessProbe.status(health, HealthHttpServer.LIVE_PATH, ReadinessProbe.TIMEOUT);
      // A few heartbeats, so that publishing is part of what the cache records.
      Thread.sleep(TRAINING_SETTLE_TIME);
      ShutdownOutcome outcome = graph.shutdown();
      logStopped(outcome);
      if (!ready) {
        // A cache trained without the connected path would silently slow every start.
        LOG.error(
            "training run never became ready within {}",
            DurationText.format(TRAINING_CONNECT_TIMEOUT));
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

  private static ServiceGraph start(ServiceConfig config) throws IOException {
    ServiceGraph graph =
        ServiceGraph.start(config, BuildInfo.version(), BuildInfo.revision(), Clock.systemUTC());
    LOG.atInfo()
        .addKeyValue("healthPort", graph.healthPort())
        .addKeyValue("natsServers", UrlMasking.mask(String.join(",", config.natsServers())))
        .addKeyValue("clientId", config.clientId())
        .addKeyValue("heartbeatSubject", config.natsSettings().heartbeatSubject())
        .log("started");
    return graph;
  }

  private static ServiceConfig loadOrExit() {
    EnvironmentSnapshot snapshot = Environment.read();
    ConfigLoader.logFormat(snapshot.variables()).ifPresent(Logging::applyFormat);
    try {
      ServiceConfig config = ConfigLoader.load(snapshot);
      Logging.applyLevel(config.logLevel());
      // Before anything connects: what this start runs with, and where each value came from.
      LOG.atInfo()
          .addKeyValue("settings", EffectiveConfiguration.describe(snapshot, config))
          .addKeyValue("clientId", config.clientId())
          .addKeyValue(
              "authentication", EffectiveConfiguration.authentication(config.credentials()))
          .addKeyValue("dotenvRead", snapshot.dotenvRead())
          .log("configuration");
      return config;
    } catch (InvalidConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        LOG.atError()
            .addKeyValue("variable", problem.variable())
            .addKeyValue("expected", problem.expected())
            .log(problem.message());
      }
      LOG.error(
          "invalid configuration ({} problem(s)): exiting with {}",
          e.problems().size(),
          ExitCode.CONFIG);
      halt(ExitCode.CONFIG);
      throw new IllegalStateException("unreachable", e);
    }
  }

  private static void stop(ServiceGraph graph) {
    if (graph == null) {
      logStopped(new ShutdownOutcome(true, true, Duration.ZERO));
      halt(ExitCode.OK);
      return;
    }
    ShutdownOutcome outcome = graph.shutdown();
    logStopped(outcome);
    // halt, not exit: we are inside the shutdown hook, and a signal would otherwise end in 143.
    halt(outcome.exitCode());
  }

  private static void logStopped(ShutdownOutcome outcome) {
    LOG.atInfo()
        .addKeyValue("exitCode", outcome.exitCode())
        .addKeyValue("natsDrained", outcome.natsDrained())
        .addKeyValue("shutdownMillis", outcome.took().toMillis())
        .log("stopped");
  }

  /** Flushes the logs first: halt skips every shutdown hook, logback's included. */
  private static void halt(int code) {
    Logging.flush();
    Runtime.getRuntime().halt(code);
  }

  private static void awaitForever() {
    CountDownLatch never = new CountDownLatch(1);
    while (true) {
      try {
        never.await();
      } catch (InterruptedException e) {
        // Nothing interrupts main on purpose; keep waiting for the signal.
      }
    }
  }
}
