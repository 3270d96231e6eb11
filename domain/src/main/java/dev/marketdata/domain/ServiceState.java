package dev.marketdata.domain;

/** What the service can do for its consumers right now. */
public enum ServiceState {
  /** Connected to the bus and serving. */
  READY,
  /** Running, but the bus is unreachable: nothing can be published. */
  NOT_READY,
  /** Shutting down: it accepts no new work, even while still connected. */
  STOPPING;

  /** Derived from the two facts it depends on, so that it never disagrees with them. */
  public static ServiceState of(boolean stopping, boolean connected) {
    if (stopping) {
      return STOPPING;
    }
    return connected ? READY : NOT_READY;
  }

  public boolean isReady() {
    return this == READY;
  }
}
