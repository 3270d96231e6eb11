package dev.marketdata.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Follows the instances of a deployment through their heartbeats. */
public interface WatchReplicasUseCase {

  /**
   * Starts following heartbeats.
   *
   * @param clusterId the cluster to follow; empty for every cluster
   */
  void watch(Optional<String> clusterId);

  /**
   * Every instance heard from so far, stale ones included, ordered by id.
   *
   * @param now the moment to judge staleness at
   * @return one status per instance
   */
  List<ReplicaStatus> replicas(Instant now);
}
