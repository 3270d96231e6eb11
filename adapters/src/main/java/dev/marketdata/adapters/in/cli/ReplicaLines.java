package dev.marketdata.adapters.in.cli;

import dev.marketdata.application.port.in.ReplicaStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --watch} prints: a table redrawn in place on a terminal; elsewhere (a pipe, {@code
 * docker logs}) one line per instance each time its version, state or staleness changes.
 */
final class ReplicaLines {
  private static final String HEADER =
      "%-24s %-16s %-9s %s".formatted("SERVICE ID", "VERSION", "STATE", "LAST HEARD");

  /** What was last printed of each instance, beyond when it was heard: to print only changes. */
  private final Map<String, String> printed = new HashMap<>();

  /** The whole table, for a terminal. */
  static String table(List<ReplicaStatus> replicas) {
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    for (ReplicaStatus replica : replicas) {
      table.append(line(replica, true)).append('\n');
    }
    return replicas.isEmpty() ? table.append("(no heartbeat yet)\n").toString() : table.toString();
  }

  /** The lines of the instances whose version, state or staleness changed since the last call. */
  List<String> changes(List<ReplicaStatus> replicas) {
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
