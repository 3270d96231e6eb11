package dev.marketdata.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface WatchReplicasUseCase {
  void watch(Optional<String> clusterId);

  /** Every instance heard from so far, stale ones included, ordered by id. */
  List<ReplicaStatus> replicas(Instant now);
}
