package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.ConfigLoader;
import dev.marketdata.bootstrap.config.ConfigProblem;
import dev.marketdata.bootstrap.config.EffectiveConfiguration;
import dev.marketdata.bootstrap.config.Environment;
import dev.marketdata.bootstrap.config.EnvironmentSnapshot;
import dev.marketdata.bootstrap.config.InvalidConfigException;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.config.Settings;
import dev.marketdata.bootstrap.logging.Logging;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.bootstrap.process.Lifecycle;
import dev.marketdata.bootstrap.wiring.ServiceGraph;
import dev.marketdata.bootstrap.wiring.ShutdownOutcome;
import java.io.IOException;
import java.security.Security;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service: configuration, start, and the one orchestrated shutdown. */
final class ServiceRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** The one start and the one stop: what the shutdown hook stops, once started. */
  private static final Lifecycle<ServiceGraph> LIFECYCLE = new Lifecycle<>();

  /**
   * Never returns: the process ends from the shutdown hook ({@link #stop()}, which {@code Main}
   * registers before this class loads), or at once on a start failure.
   */
  static void runUntilSignalled() {
    askDnsAgainAfterAMiss();
    // A stop before the parts start keeps them from starting: they would only take the cores the
    // stop's cold logging needs.
    LIFECYCLE.start(
        () -> {
          ServiceConfig config = loadOrExit();
          return LIFECYCLE.stopping() ? null : startOrExit(config);
        });
    awaitForever();
  }

  private static ServiceGraph startOrExit(ServiceConfig config) {
    try {
      return ServiceGraph.start(
          config, BuildInfo.version(), BuildInfo.revision(), Clock.systemUTC());
    } catch (IOException e) {
      LOG.atError()
          .addKeyValue("variable", Settings.HEALTH_PORT.name())
          .log(
              "cannot listen on {}={} ({}={}): {}",
              Settings.HEALTH_PORT.name(),
              config.healthPort(),
              Settings.HEALTH_BIND.name(),
              config.healthAddress().getAddress().getHostAddress(),
              String.valueOf(e));
      halt(ExitCode.START_FAILED);
    } catch (RuntimeException e) {
      LOG.error("start failed", e);
      halt(ExitCode.START_FAILED);
    }
    throw new IllegalStateException("unreachable: halted");
  }

  /**
   * Call before any lookup: NATS's name may enter DNS after we start (compose, Swarm, Kubernetes);
   * without this the JVM repeats the failed answer for 10 s instead of asking again.
   */
  static void askDnsAgainAfterAMiss() {
    Security.setProperty("networkaddress.cache.negative.ttl", "0");
  }

  /**
   * Reads the configuration and logs it, as its first line; on any problem, logs every one of them
   * and ends the process with {@link ExitCode#CONFIG}.
   */
  static ServiceConfig loadOrExit() {
    EnvironmentSnapshot snapshot = Environment.read();
    ConfigLoader.logFormat(snapshot.variables()).ifPresent(Logging::applyFormat);
    try {
      ServiceConfig config = ConfigLoader.load(snapshot);
      Logging.applyLevel(config.logLevel());
      // Before anything connects: what this start runs with, and where each value came from.
      LOG.atInfo()
          .addKeyValue("settings", EffectiveConfiguration.describe(snapshot))
          .addKeyValue("clientId", config.clientId())
          .addKeyValue(
              "authentication", EffectiveConfiguration.authentication(config.credentials()))
          .addKeyValue("dotenvRead", snapshot.dotenvRead())
          .log("configuration");
      warnOfMisspellings(snapshot);
      return config;
    } catch (InvalidConfigException e) {
      warnOfMisspellings(snapshot);
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

  private static void warnOfMisspellings(EnvironmentSnapshot snapshot) {
    for (String misspelling : Settings.misspellings(snapshot.variables().keySet())) {
      LOG.warn(misspelling);
    }
  }

  /** The shutdown hook's work: stops what runs, logs the final line, ends with its exit code. */
  static void stop() {
    ShutdownOutcome outcome =
        LIFECYCLE.stop().map(ServiceGraph::shutdown).orElse(ShutdownOutcome.NOTHING_STARTED);
    outcome.log();
    // halt, not exit: we are inside the shutdown hook, and a signal would otherwise end in 143.
    halt(outcome.exitCode());
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
