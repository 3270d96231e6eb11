package dev.marketdata.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.port.in.ReplicaStatus;
import dev.marketdata.domain.Heartbeat;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class WatchReplicasServiceTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private Optional<String> followed;
  private BiConsumer<Heartbeat, Instant> receiver;
  private final WatchReplicasService watch = new WatchReplicasService(this::follow);

  private void follow(Optional<String> clusterId, BiConsumer<Heartbeat, Instant> receiver) {
    this.followed = clusterId;
    this.receiver = receiver;
  }

  private void beat(String id, String version, ServiceState state, Instant arrived) {
    ServiceIdentity identity = new ServiceIdentity(id, version, T0);
    receiver.accept(identity.heartbeatAt(arrived, state, INTERVAL), arrived);
  }

  @Test
  void followsTheClusterItIsAskedFor() {
    watch.watch(Optional.of("prod"));

    assertEquals(Optional.of("prod"), followed);
  }

  @Test
  void showsOneLinePerInstanceWithItsLatestHeartbeatInIdOrder() {
    watch.watch(Optional.empty());
    beat("md-2", "1.0.0", ServiceState.READY, T0);
    beat("md-1", "1.0.0", ServiceState.READY, T0);
    beat("md-2", "1.1.0", ServiceState.STOPPING, T0.plusSeconds(1));

    List<ReplicaStatus> replicas = watch.replicas(T0.plusMillis(1500));

    assertEquals(List.of("md-1", "md-2"), replicas.stream().map(ReplicaStatus::serviceId).toList());
    ReplicaStatus second = replicas.get(1);
    assertEquals("1.1.0", second.version());
    assertEquals(ServiceState.STOPPING, second.state());
    assertEquals(Duration.ofMillis(500), second.age());
  }

  @Test
  void anInstanceSilentForLongerThanItsHeartbeatsValidityIsStaleUntilItSpeaksAgain() {
    watch.watch(Optional.empty());
    beat("md-1", "1.0.0", ServiceState.READY, T0);
    Instant lastValid = T0.plus(Heartbeat.validityFor(INTERVAL));

    boolean staleAtTheEdge = watch.replicas(lastValid).getFirst().stale();
    boolean staleJustAfter = watch.replicas(lastValid.plusMillis(1)).getFirst().stale();
    beat("md-1", "1.0.0", ServiceState.READY, lastValid.plusSeconds(1));
    boolean staleOnceBack = watch.replicas(lastValid.plusSeconds(1)).getFirst().stale();

    assertFalse(staleAtTheEdge);
    assertTrue(staleJustAfter);
    assertFalse(staleOnceBack);
  }
}
