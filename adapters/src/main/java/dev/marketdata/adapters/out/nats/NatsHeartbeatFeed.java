package dev.marketdata.adapters.out.nats;

import dev.marketdata.application.port.out.HeartbeatFeedPort;
import dev.marketdata.domain.Heartbeat;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The heartbeats others publish, as they arrive; what is not one is skipped, once said. */
public final class NatsHeartbeatFeed implements HeartbeatFeedPort {
  private static final Logger LOG = LoggerFactory.getLogger(NatsHeartbeatFeed.class);

  private final NatsConnection nats;
  private final Clock clock;
  private final Set<String> warnedSubjects = ConcurrentHashMap.newKeySet();

  public NatsHeartbeatFeed(NatsConnection nats, Clock clock) {
    this.nats = nats;
    this.clock = clock;
  }

  @Override
  public void follow(Optional<String> clusterId, BiConsumer<Heartbeat, Instant> receiver) {
    nats.subscribe(
        NatsSettings.heartbeatSubjects(clusterId),
        message -> {
          Instant arrived = clock.instant();
          try {
            receiver.accept(
                HeartbeatMessage.JSON
                    .readValue(message.getData(), HeartbeatMessage.class)
                    .toHeartbeat(),
                arrived);
          } catch (IOException | RuntimeException e) {
            if (warnedSubjects.add(message.getSubject())) {
              LOG.atWarn()
                  .addKeyValue("subject", message.getSubject())
                  .log(
                      "ignoring what is not a heartbeat on {}: {}",
                      message.getSubject(),
                      e.getMessage());
            }
          }
        });
  }
}
