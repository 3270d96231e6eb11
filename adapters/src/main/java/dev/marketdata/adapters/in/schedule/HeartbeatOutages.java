package dev.marketdata.adapters.in.schedule;

import dev.marketdata.application.port.in.PublishResult;
import java.util.Optional;

/**
 * When heartbeats lost to an outage are worth a log line: once as the outage begins, once as it
 * ends with how many were dropped, never per beat. Before the first heartbeat went out there is no
 * outage to report, only a start-up.
 */
final class HeartbeatOutages {

  /** What to tell an operator. */
  sealed interface Report {}

  /**
   * Heartbeats are being dropped.
   *
   * @param cause why the first of them was
   */
  record Began(PublishResult cause) implements Report {}

  /**
   * Heartbeats go out again.
   *
   * @param dropped how many were dropped during the outage
   */
  record Ended(long dropped) implements Report {}

  private boolean publishedOnce;
  private long dropped;

  /**
   * Takes the next heartbeat's fate into account.
   *
   * @param result what became of it
   * @return the report it calls for, if any
   */
  Optional<Report> record(PublishResult result) {
    if (result == PublishResult.PUBLISHED) {
      publishedOnce = true;
      long ended = dropped;
      dropped = 0;
      return ended > 0 ? Optional.of(new Ended(ended)) : Optional.empty();
    }
    if (result.lostToOutage() && publishedOnce && dropped++ == 0) {
      return Optional.of(new Began(result));
    }
    return Optional.empty();
  }
}
