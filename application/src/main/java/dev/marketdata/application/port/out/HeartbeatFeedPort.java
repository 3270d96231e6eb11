package dev.marketdata.application.port.out;

import dev.marketdata.domain.Heartbeat;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

public interface HeartbeatFeedPort {
  /** Follows one cluster's heartbeats, or all, from the next connect on, across reconnects. */
  void follow(Optional<String> clusterId, BiConsumer<Heartbeat, Instant> receiver);
}
