package dev.marketdata.application.port.in;

/** What became of a heartbeat. */
public enum PublishResult {
  /** Handed to the bus. */
  PUBLISHED,
  /**
   * Not sent: the bus was unreachable. A late heartbeat would tell consumers something stale, so it
   * is dropped rather than queued.
   */
  SKIPPED_NOT_CONNECTED,
  /** Not sent: the service is shutting down. */
  SKIPPED_STOPPING
}
