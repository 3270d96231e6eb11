package dev.marketdata.adapters.in.cli;

import dev.marketdata.application.port.in.ReplicaStatus;
import dev.marketdata.application.port.in.WatchReplicasUseCase;
import dev.marketdata.application.port.out.MessagingStatusPort;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code --watch}: prints each instance heard on NATS, until the process is stopped. */
public final class WatchCommand {
  private static final Duration REFRESH = Duration.ofMillis(500);
  private static final String HOME_AND_CLEAR = "\033[H\033[2J";

  private final WatchReplicasUseCase watch;
  private final MessagingStatusPort nats;
  private final Clock clock;
  private final PrintStream out;
  private final boolean terminal;

  public WatchCommand(
      WatchReplicasUseCase watch,
      MessagingStatusPort nats,
      Clock clock,
      PrintStream out,
      boolean terminal) {
    this.watch = watch;
    this.nats = nats;
    this.clock = clock;
    this.out = out;
    this.terminal = terminal;
  }

  /** Never returns: a signal ends the process. */
  public void run(Optional<String> clusterId) {
    watch.watch(clusterId);
    ReplicaLines lines = new ReplicaLines();
    boolean waiting = false;
    while (true) {
      List<ReplicaStatus> replicas = watch.replicas(clock.instant());
      // Not connected: no redraw, so the WARN saying why stays on screen.
      if (terminal && nats.isConnected()) {
        out.print(HOME_AND_CLEAR + ReplicaLines.table(replicas));
        waiting = false;
      } else if (terminal && !waiting) {
        out.println("(not connected to NATS: the log lines say why)");
        waiting = true;
      } else if (!terminal) {
        lines.changes(replicas).forEach(out::println);
      }
      out.flush();
      try {
        Thread.sleep(REFRESH);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
