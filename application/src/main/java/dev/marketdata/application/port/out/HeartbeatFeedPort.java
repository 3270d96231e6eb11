package dev.marketdata.application.port.out;

import dev.marketdata.domain.Heartbeat;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

public interface HeartbeatFeedPort {
  /**
   * Follows the heartbeats of one cluster, or of all, from the next connection on; the bus's
   * reconnects are the adapter's business.
   */
  void follow(Optional<String> clusterId, BiConsumer<Heartbeat, Instant> receiver);
}
