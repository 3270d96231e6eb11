package dev.marketdata.application.port.in;

import java.time.Instant;
import java.util.Objects;

/**
 * Publish one heartbeat.
 *
 * @param at the moment the heartbeat reports
 */
public record PublishHeartbeatCommand(Instant at) {

  public PublishHeartbeatCommand {
    Objects.requireNonNull(at, "at");
  }
}
