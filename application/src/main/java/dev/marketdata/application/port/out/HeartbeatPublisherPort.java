package dev.marketdata.application.port.out;

import dev.marketdata.domain.Heartbeat;
import java.time.Duration;

/** Sends heartbeats to the message bus. */
public interface HeartbeatPublisherPort {

  /**
   * Sends the heartbeat only if the bus proves, within {@code deliverWithin}, that it is still
   * taking messages; a heartbeat that could arrive later than that is dropped instead.
   *
   * @param heartbeat what to send
   * @param deliverWithin how long it stays worth delivering
   * @return true if sent, false if dropped because the bus did not answer in time
   */
  boolean publish(Heartbeat heartbeat, Duration deliverWithin);
}
