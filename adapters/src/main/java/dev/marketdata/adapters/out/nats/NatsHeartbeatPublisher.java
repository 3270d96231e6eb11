package dev.marketdata.adapters.out.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.marketdata.application.port.out.HeartbeatPublisherPort;
import dev.marketdata.domain.Heartbeat;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Publishes heartbeats on this instance's subject, only to a server that answers in time. */
public final class NatsHeartbeatPublisher implements HeartbeatPublisherPort {
  private final NatsConnection nats;
  private final String subject;

  public NatsHeartbeatPublisher(NatsConnection nats, NatsSettings settings) {
    this.nats = nats;
    this.subject = settings.heartbeatSubject();
  }

  /** A round trip first: a hung server would otherwise act on the heartbeat long after. */
  @Override
  public boolean publish(Heartbeat heartbeat, Duration deliverWithin) {
    Optional<Connection> conn = nats.connection();
    if (conn.isEmpty()) {
      return false;
    }
    // RTT, not flush: flush skips the round trip while pings are out, the hung-server case.
    try {
      if (conn.get().RTT().compareTo(deliverWithin) > 0) {
        return false;
      }
      conn.get()
          .publish(
              subject, HeartbeatMessage.JSON.writeValueAsBytes(HeartbeatMessage.from(heartbeat)));
      return true;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise heartbeat", e);
    } catch (IOException | IllegalStateException e) {
      return false; // no answer in time, or the link was given up meanwhile
    }
  }
}
