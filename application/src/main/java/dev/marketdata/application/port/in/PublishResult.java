package dev.marketdata.application.port.in;

public enum PublishResult {
  /** Handed to a bus that answered in time. */
  PUBLISHED,
  /**
   * Not sent: the bus was unreachable. A late heartbeat would tell consumers something stale, so it
   * is dropped rather than queued.
   */
  SKIPPED_NOT_CONNECTED,
  /**
   * Not sent: the connection looked up, but the server did not answer within the heartbeat's
   * validity (a hung or overloaded server). Dropped for the same reason.
   */
  DROPPED_NO_ANSWER,
  /** Not sent: the service is shutting down. */
  SKIPPED_STOPPING;

  /** Whether this heartbeat was lost to an outage (as opposed to sent, or a deliberate stop). */
  public boolean lostToOutage() {
    return this == SKIPPED_NOT_CONNECTED || this == DROPPED_NO_ANSWER;
  }
}
