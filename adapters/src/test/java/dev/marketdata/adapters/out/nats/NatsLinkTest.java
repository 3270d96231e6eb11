package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marketdata.adapters.out.nats.NatsLink.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NatsLinkTest {

  private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void reportsEachReasonOncePerOutageAndALossOnlyOfALinkThatWasUp() {
    NatsLink outage = new NatsLink();

    List<Object> neverConnected =
        List.of(
            outage.isLoss(at(0)),
            outage.failure("unknown CA", at(0)),
            outage.failure("unknown CA", at(2)));
    outage.connected(at(3));
    List<Object> lost =
        List.of(
            outage.isLoss(at(10)),
            outage.isLoss(at(12)),
            outage.failure("refused", at(12)),
            outage.failure("timeout", at(14)),
            outage.failure("refused", at(16)));
    outage.connected(at(20));
    List<Object> lostAgain = List.of(outage.isLoss(at(30)), outage.failure("refused", at(30)));

    assertEquals(List.of(false, Report.NEWS, Report.QUIET), neverConnected);
    assertEquals(List.of(true, false, Report.NEWS, Report.NEWS, Report.QUIET), lost);
    assertEquals(List.of(true, Report.NEWS), lostAgain);
  }

  @Test
  void remindsEveryFiveMinutesWithTheCountAndTellsTheOutagesLength() {
    NatsLink outage = new NatsLink();
    outage.connected(at(0));
    outage.isLoss(at(10));

    Report first = outage.failure("refused", at(10));
    Report justBefore = outage.failure("refused", at(309));
    Report reminder = outage.failure("refused", at(310));
    Report after = outage.failure("refused", at(312));
    int failures = outage.failures();
    Duration lasting = outage.lasting(at(312));
    Optional<Duration> recovered = outage.connected(at(400));

    assertEquals(
        List.of(Report.NEWS, Report.QUIET, Report.REMINDER, Report.QUIET),
        List.of(first, justBefore, reminder, after));
    assertEquals(4, failures);
    assertEquals(Duration.ofSeconds(302), lasting);
    assertEquals(Optional.of(Duration.ofSeconds(390)), recovered);
    assertEquals(Optional.empty(), outage.connected(at(500)));
  }
}
