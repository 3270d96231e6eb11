package dev.marketdata.adapters.out.nats;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides which lines of a NATS outage are worth a WARN: the first of each reason, once per outage.
 * A retry every reconnect wait repeats the same failure; at WARN it would bury the rest.
 */
final class OutageReports {

  private final Set<String> reported = new HashSet<>();
  private boolean up;

  /** The link is up: the next failure starts a new outage. */
  synchronized void connected() {
    reported.clear();
    up = true;
  }

  /**
   * Whether a disconnect is news: only a link that was up can be lost (jnats repeats the event for
   * each failed attempt, and sends it for a first connect that failed).
   *
   * @return true once per lost link
   */
  synchronized boolean isLoss() {
    boolean wasUp = up;
    up = false;
    return wasUp;
  }

  /**
   * Whether a failure is news.
   *
   * @param reason what went wrong, as the line says it
   * @return true for the first of its kind since the link was last up (or since start)
   */
  synchronized boolean isNews(String reason) {
    return reported.add(reason);
  }
}
