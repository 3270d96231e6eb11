package dev.marketdata.bootstrap;

import dev.marketdata.adapters.config.ConfigProblem;
import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.adapters.config.Setting;
import dev.marketdata.adapters.in.cli.WatchCommand;
import dev.marketdata.adapters.in.http.HttpSettings;
import dev.marketdata.adapters.out.nats.NatsConnection;
import dev.marketdata.adapters.out.nats.NatsHeartbeatFeed;
import dev.marketdata.application.service.WatchReplicasService;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.logging.JsonLogging;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.bootstrap.startup.Warmup;
import dev.marketdata.bootstrap.wiring.ServiceGraph;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Console;
import java.io.IOException;
import java.security.Security;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a mode: configuration, start, and the one orchestrated stop with its exit code. */
final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

  // The one start and the one stop, each under this class's lock: a stop waits for a start.
  private static ServiceGraph running;
  private static boolean stopping;

  private ServiceRunner() {}

  /** Never returns: the process ends in the shutdown hook, or at once on a start failure. */
  static void runUntilSignalled() {
    // First: a stop from here on ends in the orchestrated shutdown and exit 0, however early.
    onSignal(ServiceRunner::stop);
    Warmup.startInBackground();
    ServiceConfig config = loadOrExit();
    synchronized (ServiceRunner.class) {
      if (!stopping) {
        running = startOrExit(config);
      }
    }
    while (true) {
      LockSupport.park(); // the process ends in the shutdown hook, whatever wakes main
    }
  }

  /** {@code --watch}: never returns; a signal closes the connection and exits 0. */
  static void watchUntilSignalled(Optional<String> clusterId) {
    ServiceConfig config = loadOrExit();
    Clock clock = Clock.systemUTC();
    NatsConnection nats = new NatsConnection(config.nats(), new PrometheusRegistry(), clock);
    onSignal(
        () -> {
          nats.close();
          halt(ExitCode.OK);
        });
    WatchCommand watch =
        new WatchCommand(
            new WatchReplicasService(new NatsHeartbeatFeed(nats, clock)),
            nats,
            clock,
            System.out,
            Optional.ofNullable(System.console()).map(Console::isTerminal).orElse(false));
    nats.connect(() -> {});
    watch.run(clusterId);
  }

  private static ServiceGraph startOrExit(ServiceConfig config) {
    try {
      return ServiceGraph.start(config, Clock.systemUTC());
    } catch (IOException e) {
      HttpSettings http = config.http();
      LOG.atError()
          .addKeyValue("variable", HttpSettings.PORT.name())
          .log(
              "cannot listen on {}={} ({}={}): {}",
              HttpSettings.PORT.name(),
              http.port(),
              HttpSettings.BIND.name(),
              http.bind().getHostAddress(),
              String.valueOf(e));
    } catch (RuntimeException e) {
      LOG.error("start failed", e);
    }
    halt(ExitCode.START_FAILED);
    throw new IllegalStateException("unreachable: halted");
  }

  /** Logs the configuration as the first line; on any problem, logs them all and exits 78. */
  static ServiceConfig loadOrExit() {
    // NATS's name may enter DNS after we start (compose, Swarm): ask again after a miss.
    Security.setProperty("networkaddress.cache.negative.ttl", "0");
    Env env = Env.read();
    // First, on a copy whose problems the load reports: every line, these too, in the format asked.
    Env.of(env.variables()).optional(ServiceConfig.LOG_FORMAT).ifPresent(JsonLogging::applyFormat);
    try {
      ServiceConfig config = ServiceConfig.load(env);
      JsonLogging.applyLevel(config.logLevel());
      LOG.atInfo()
          .addKeyValue("settings", env.describe(ServiceConfig.ALL))
          .addKeyValue("clientId", config.nats().clientId())
          .addKeyValue("authentication", config.nats().credentials().method())
          .addKeyValue("dotenvRead", env.dotenvRead())
          .log("configuration");
      warnOfMisspellings(env);
      return config;
    } catch (InvalidConfigException e) {
      warnOfMisspellings(env);
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

  private static void warnOfMisspellings(Env env) {
    Setting.misspellings(ServiceConfig.ALL, env.variables().keySet()).forEach(LOG::warn);
  }

  private static synchronized void stop() {
    stopping = true;
    halt(
        running == null ? ServiceGraph.stopped(true, true, System.nanoTime()) : running.shutdown());
  }

  private static void onSignal(Runnable action) {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(action));
  }

  /** Flushes the logs first: halt skips every hook; and inside one, exit would end in 143. */
  private static void halt(int code) {
    JsonLogging.flush();
    Runtime.getRuntime().halt(code);
  }
}
