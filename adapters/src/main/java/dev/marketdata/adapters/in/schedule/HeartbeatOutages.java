package dev.marketdata.adapters.in.schedule;

import dev.marketdata.application.port.in.PublishResult;
import java.util.Optional;

/** Heartbeats lost to an outage: a line as it begins, one as it ends; none before the first. */
final class HeartbeatOutages {

  /** What to tell an operator. */
  sealed interface Report {}

  /** Heartbeats are being dropped. */
  record Began(PublishResult cause) implements Report {}

  /** Heartbeats go out again. */
  record Ended(long dropped) implements Report {}

  private boolean publishedOnce;
  private long dropped;

  /** Takes the next heartbeat's fate into account. */
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

  boolean publishedOnce() {
    return publishedOnce;
  }
}
