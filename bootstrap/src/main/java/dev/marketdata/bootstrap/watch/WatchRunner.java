package dev.marketdata.bootstrap.watch;

import dev.marketdata.adapters.out.nats.NatsMessagingAdapter;
import dev.marketdata.application.port.in.ReplicaStatus;
import dev.marketdata.application.port.in.WatchReplicasUseCase;
import dev.marketdata.application.service.WatchReplicasService;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.logging.Logging;
import dev.marketdata.bootstrap.process.ExitCode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Console;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code --watch}: follows the heartbeats on the configured NATS and prints each instance, until
 * SIGINT or SIGTERM, then exits 0. Its own composition root: it shares the settings and the NATS
 * adapter with the service, nothing else.
 */
public final class WatchRunner {

  private static final Duration REFRESH = Duration.ofMillis(500);
  private static final String HOME_AND_CLEAR = "\033[H\033[2J";

  private WatchRunner() {}

  /**
   * Never returns.
   *
   * @param config the NATS settings to use
   * @param clusterId the cluster to follow; empty for all
   */
  public static void run(ServiceConfig config, Optional<String> clusterId) {
    Clock clock = Clock.systemUTC();
    NatsMessagingAdapter nats =
        new NatsMessagingAdapter(config.natsSettings(), new PrometheusRegistry(), clock);
    WatchReplicasUseCase watch = new WatchReplicasService(nats);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      nats.close();
                      Logging.flush();
                      // halt, not exit: inside the hook, and a signal would otherwise end in 143.
                      Runtime.getRuntime().halt(ExitCode.OK);
                    }));
    watch.watch(clusterId);
    nats.connect(() -> {});
    PrintStream out = System.out;
    boolean terminal = Optional.ofNullable(System.console()).map(Console::isTerminal).orElse(false);
    ReplicaLines lines = new ReplicaLines();
    while (true) {
      List<ReplicaStatus> replicas = watch.replicas(clock.instant());
      if (terminal) {
        out.print(HOME_AND_CLEAR + ReplicaLines.table(replicas));
      } else {
        lines.changes(replicas).forEach(out::println);
      }
      out.flush();
      try {
        Thread.sleep(REFRESH);
      } catch (InterruptedException e) {
        // Nothing interrupts main on purpose; the signal ends the process.
      }
    }
  }
}
