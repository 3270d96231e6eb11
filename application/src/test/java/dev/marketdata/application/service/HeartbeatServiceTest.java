package dev.marketdata.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.application.port.in.PublishHeartbeatCommand;
import dev.marketdata.application.port.in.PublishResult;
import dev.marketdata.domain.Heartbeat;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HeartbeatServiceTest {

  private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");

  private final AtomicBoolean connected = new AtomicBoolean(true);
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  private final List<Heartbeat> published = new ArrayList<>();
  private final AtomicBoolean busAnswers = new AtomicBoolean(true);
  private final HealthService health = new HealthService(connected::get);
  private final HeartbeatService heartbeats =
      new HeartbeatService(new ServiceIdentity("md-1", "1.2.3", STARTED), health, this::send);

  private boolean send(Heartbeat heartbeat, Duration deliverWithin) {
    assertEquals(INTERVAL, deliverWithin, "delivered within one interval, or not at all");
    if (busAnswers.get()) {
      published.add(heartbeat);
    }
    return busAnswers.get();
  }

  @Test
  void publishesAReadyHeartbeatWhileConnected() {
    PublishResult result =
        heartbeats.publishHeartbeat(new PublishHeartbeatCommand(STARTED.plusSeconds(5), INTERVAL));

    assertEquals(PublishResult.PUBLISHED, result);
    assertEquals(1, published.size());
    Heartbeat heartbeat = published.getFirst();
    assertEquals(ServiceState.READY, heartbeat.state());
    assertEquals(Duration.ofSeconds(5), heartbeat.uptime());
    assertEquals("1.2.3", heartbeat.identity().version());
    assertEquals(Duration.ofSeconds(15), heartbeat.validFor(), "stands for three intervals");
  }

  @Test
  void dropsTheHeartbeatWhileTheBusIsDownRatherThanQueueingAStaleOne() {
    connected.set(false);

    PublishResult result =
        heartbeats.publishHeartbeat(new PublishHeartbeatCommand(STARTED, INTERVAL));

    assertEquals(PublishResult.SKIPPED_NOT_CONNECTED, result);
    assertTrue(published.isEmpty());
  }

  @Test
  void reportsAHeartbeatTheBusDidNotAnswerForInTimeAsDroppedToo() {
    busAnswers.set(false);

    PublishResult result =
        heartbeats.publishHeartbeat(new PublishHeartbeatCommand(STARTED, INTERVAL));

    assertEquals(PublishResult.DROPPED_NO_ANSWER, result);
    assertTrue(result.lostToOutage());
    assertTrue(published.isEmpty());
  }

  @Test
  void publishesNothingOnceShutdownBegan() {
    health.beginShutdown();

    PublishResult result =
        heartbeats.publishHeartbeat(new PublishHeartbeatCommand(STARTED, INTERVAL));

    assertEquals(PublishResult.SKIPPED_STOPPING, result);
    assertTrue(published.isEmpty());
  }

  @Test
  void aCommandNeedsAPositiveInterval() {
    assertThrows(
        IllegalArgumentException.class, () -> new PublishHeartbeatCommand(STARTED, Duration.ZERO));
  }
}
