package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutageReportsTest {

  @Test
  void reportsEachReasonOncePerOutageAndALossOnlyOfALinkThatWasUp() {
    OutageReports outage = new OutageReports();

    List<Boolean> neverConnected =
        List.of(outage.isLoss(), outage.isNews("unknown CA"), outage.isNews("unknown CA"));
    outage.connected();
    List<Boolean> lost =
        List.of(
            outage.isLoss(),
            outage.isLoss(),
            outage.isNews("refused"),
            outage.isNews("timeout"),
            outage.isNews("refused"));
    outage.connected();
    List<Boolean> lostAgain = List.of(outage.isLoss(), outage.isNews("refused"));

    assertEquals(List.of(false, true, false), neverConnected);
    assertEquals(List.of(true, false, true, true, false), lost);
    assertEquals(List.of(true, true), lostAgain);
  }
}
