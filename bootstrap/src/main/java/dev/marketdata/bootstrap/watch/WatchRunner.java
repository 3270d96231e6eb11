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

/** {@code --watch}: prints each instance heard on NATS until SIGINT or SIGTERM, then exits 0. */
public final class WatchRunner {

  private static final Duration REFRESH = Duration.ofMillis(500);
  private static final String HOME_AND_CLEAR = "\033[H\033[2J";

  private WatchRunner() {}

  /** Never returns. */
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
    boolean waiting = false;
    while (true) {
      List<ReplicaStatus> replicas = watch.replicas(clock.instant());
      // Not connected: no redraw, so the WARN saying why stays on screen.
      if (terminal && nats.isConnected()) {
        out.print(HOME_AND_CLEAR + ReplicaLines.table(replicas));
        waiting = false;
      } else if (terminal && !waiting) {
        out.println("(not connected to NATS: the lines above say why)");
        waiting = true;
      } else if (!terminal) {
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
