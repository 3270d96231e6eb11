package dev.marketdata.adapters.in.cli;

import dev.marketdata.application.port.in.ReplicaStatus;
import dev.marketdata.application.port.in.WatchReplicasUseCase;
import dev.marketdata.application.port.out.MessagingStatusPort;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --watch}: each instance heard on NATS, in a table redrawn in place on a terminal;
 * elsewhere (a pipe, {@code docker logs}) a line per instance each time its version, state or
 * staleness changes.
 */
public record WatchCommand(
    WatchReplicasUseCase watch,
    MessagingStatusPort nats,
    Clock clock,
    PrintStream out,
    boolean terminal) {
  private static final Duration REFRESH = Duration.ofMillis(500);
  private static final String HOME_AND_CLEAR = "\033[H\033[2J";
  private static final String HEADER =
      "%-24s %-16s %-9s %s".formatted("SERVICE ID", "VERSION", "STATE", "LAST HEARD");

  /** Never returns: a signal ends the process. */
  public void run(Optional<String> clusterId) {
    watch.watch(clusterId);
    Map<String, String> printed = new HashMap<>();
    boolean waiting = false;
    while (true) {
      List<ReplicaStatus> replicas = watch.replicas(clock.instant());
      // Not connected: no redraw, so the WARN saying why stays on screen.
      if (terminal && nats.isConnected()) {
        out.print(HOME_AND_CLEAR + table(replicas));
        waiting = false;
      } else if (terminal && !waiting) {
        out.println("(not connected to NATS: the log lines say why)");
        waiting = true;
      } else if (!terminal) {
        changes(replicas, printed).forEach(out::println);
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

  static String table(List<ReplicaStatus> replicas) {
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    for (ReplicaStatus replica : replicas) {
      table.append(line(replica, true)).append('\n');
    }
    return replicas.isEmpty() ? table.append("(no heartbeat yet)\n").toString() : table.toString();
  }

  /** The lines of the instances whose version, state or staleness changed since the last call. */
  static List<String> changes(List<ReplicaStatus> replicas, Map<String, String> printed) {
    List<String> changed = new ArrayList<>();
    for (ReplicaStatus replica : replicas) {
      String shown = replica.version() + " " + replica.state() + " " + replica.stale();
      if (!shown.equals(printed.put(replica.serviceId(), shown))) {
        changed.add(line(replica, false));
      }
    }
    return changed;
  }

  private static String line(ReplicaStatus replica, boolean withAge) {
    String heard =
        replica.lastSeen().toString() + (withAge ? ", " + seconds(replica.age()) + " ago" : "");
    String stale =
        replica.stale()
            ? "  STALE: nothing for over " + seconds(replica.validFor()) + ", its validity"
            : "";
    return "%-24s %-16s %-9s %s%s"
        .formatted(replica.serviceId(), replica.version(), replica.state(), heard, stale);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
