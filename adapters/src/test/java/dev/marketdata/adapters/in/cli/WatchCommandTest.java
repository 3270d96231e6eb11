package dev.marketdata.adapters.in.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.port.in.ReplicaStatus;
import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchCommandTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final Duration VALID = Duration.ofSeconds(3);

  private static ReplicaStatus replica(String id, Instant lastSeen, boolean stale) {
    return new ReplicaStatus(
        id, "1.0.0", ServiceState.READY, lastSeen, Duration.ofMillis(400), VALID, stale);
  }

  @Test
  void outsideATerminalAnInstanceIsPrintedWhenItAppearsAndWhenItsStatusChangesOnly() {
    Map<String, String> printed = new HashMap<>();

    List<String> first = WatchCommand.changes(List.of(replica("md-1", T0, false)), printed);
    List<String> nextBeat =
        WatchCommand.changes(List.of(replica("md-1", T0.plusSeconds(1), false)), printed);
    List<String> silent =
        WatchCommand.changes(List.of(replica("md-1", T0.plusSeconds(1), true)), printed);

    assertEquals(1, first.size());
    assertTrue(
        first.getFirst().matches("md-1 +1\\.0\\.0 +READY +2026-12-05T10:00:00Z"), first.getFirst());
    assertEquals(List.of(), nextBeat);
    assertEquals(1, silent.size());
    assertTrue(
        silent.getFirst().endsWith("STALE: nothing for over 3.0 s, its validity"),
        silent.getFirst());
  }

  @Test
  void onATerminalTheTableShowsEveryInstanceWithHowLongAgoItWasHeard() {
    String table =
        WatchCommand.table(List.of(replica("md-1", T0, false), replica("md-2", T0, true)));

    List<String> rows = table.lines().toList();
    assertEquals(3, rows.size(), table);
    assertTrue(rows.get(0).startsWith("SERVICE ID"), table);
    assertTrue(rows.get(1).endsWith("2026-12-05T10:00:00Z, 0.4 s ago"), table);
    assertTrue(rows.get(2).contains("STALE"), table);
  }
}
