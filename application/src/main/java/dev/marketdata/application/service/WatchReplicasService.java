package dev.marketdata.application.service;

import dev.marketdata.application.port.in.ReplicaStatus;
import dev.marketdata.application.port.in.WatchReplicasUseCase;
import dev.marketdata.application.port.out.HeartbeatFeedPort;
import dev.marketdata.domain.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Keeps each instance's latest heartbeat, and judges from it whether the instance is gone. */
public final class WatchReplicasService implements WatchReplicasUseCase {
  private record Latest(Heartbeat heartbeat, Instant receivedAt) {}

  private final HeartbeatFeedPort feed;
  // Written by the feed's thread, read by the caller's: guarded by this.
  private final Map<String, Latest> latest = new HashMap<>();

  public WatchReplicasService(HeartbeatFeedPort feed) {
    this.feed = Objects.requireNonNull(feed, "feed");
  }

  @Override
  public void watch(Optional<String> clusterId) {
    feed.follow(clusterId, this::received);
  }

  private synchronized void received(Heartbeat heartbeat, Instant receivedAt) {
    latest.put(heartbeat.identity().serviceId(), new Latest(heartbeat, receivedAt));
  }

  @Override
  public synchronized List<ReplicaStatus> replicas(Instant now) {
    return latest.values().stream()
        .map(seen -> status(seen, now))
        .sorted(Comparator.comparing(ReplicaStatus::serviceId))
        .toList();
  }

  private static ReplicaStatus status(Latest seen, Instant now) {
    Heartbeat heartbeat = seen.heartbeat();
    return new ReplicaStatus(
        heartbeat.identity().serviceId(),
        heartbeat.identity().version(),
        heartbeat.state(),
        seen.receivedAt(),
        Duration.between(seen.receivedAt(), now),
        heartbeat.validFor(),
        heartbeat.isStale(seen.receivedAt(), now));
  }
}
