package dev.marketdata.application.port.out;

import dev.marketdata.domain.Heartbeat;
import java.time.Duration;

public interface HeartbeatPublisherPort {
  /**
   * Sends the heartbeat only if the bus proves, within {@code deliverWithin}, that it is still
   * taking messages; a heartbeat that could arrive later than that is dropped instead.
   */
  boolean publish(Heartbeat heartbeat, Duration deliverWithin);
}
