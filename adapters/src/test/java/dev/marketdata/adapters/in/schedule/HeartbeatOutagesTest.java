package dev.marketdata.adapters.in.schedule;

import static dev.marketdata.application.port.in.PublishResult.DROPPED_NO_ANSWER;
import static dev.marketdata.application.port.in.PublishResult.PUBLISHED;
import static dev.marketdata.application.port.in.PublishResult.SKIPPED_NOT_CONNECTED;
import static dev.marketdata.application.port.in.PublishResult.SKIPPED_STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marketdata.application.port.in.PublishResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeartbeatOutagesTest {

  private static List<Optional<HeartbeatOutages.Report>> reports(PublishResult... results) {
    HeartbeatOutages outages = new HeartbeatOutages();
    return java.util.Arrays.stream(results).map(outages::record).toList();
  }

  @Test
  void anOutageIsReportedOnceWhenItBeginsAndOnceWithItsCountWhenItEnds() {
    List<Optional<HeartbeatOutages.Report>> reports =
        reports(PUBLISHED, DROPPED_NO_ANSWER, SKIPPED_NOT_CONNECTED, DROPPED_NO_ANSWER, PUBLISHED);

    assertEquals(
        List.of(
            Optional.empty(),
            Optional.of(new HeartbeatOutages.Began(DROPPED_NO_ANSWER)),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new HeartbeatOutages.Ended(3))),
        reports);
  }

  @Test
  void eachOutageIsCountedFromZero() {
    List<Optional<HeartbeatOutages.Report>> reports =
        reports(PUBLISHED, SKIPPED_NOT_CONNECTED, PUBLISHED, SKIPPED_NOT_CONNECTED, PUBLISHED);

    assertEquals(Optional.of(new HeartbeatOutages.Ended(1)), reports.get(2));
    assertEquals(Optional.of(new HeartbeatOutages.Began(SKIPPED_NOT_CONNECTED)), reports.get(3));
    assertEquals(Optional.of(new HeartbeatOutages.Ended(1)), reports.get(4));
  }

  @Test
  void beforeTheFirstHeartbeatThereIsNoOutageOnlyAStartUp() {
    List<Optional<HeartbeatOutages.Report>> reports =
        reports(SKIPPED_NOT_CONNECTED, SKIPPED_NOT_CONNECTED, PUBLISHED, PUBLISHED);

    assertEquals(
        List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), reports);
  }

  @Test
  void stoppingIsNoOutage() {
    assertEquals(
        List.of(Optional.empty(), Optional.empty(), Optional.empty()),
        reports(PUBLISHED, SKIPPED_STOPPING, SKIPPED_STOPPING));
  }
}
