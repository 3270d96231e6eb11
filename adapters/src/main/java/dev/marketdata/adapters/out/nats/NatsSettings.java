package dev.marketdata.adapters.out.nats;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the NATS adapter needs to connect and publish.
 *
 * @param servers server URLs, tried in order and then reconnected to forever
 * @param connectionName the name the server shows for this client (monitoring, {@code nats server
 *     report connections})
 * @param heartbeatSubject where heartbeats go
 * @param credentials how to authenticate
 * @param reconnectWait the pause between two reconnect rounds; jitter is added on top
 * @param pingInterval how often the client asks the server for a round trip
 * @param maxPingsOut unanswered round trips after which the link counts as dead and is replaced
 */
public record NatsSettings(
    List<String> servers,
    String connectionName,
    String heartbeatSubject,
    NatsCredentials credentials,
    Duration reconnectWait,
    Duration pingInterval,
    int maxPingsOut) {

  public NatsSettings {
    servers = List.copyOf(servers);
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(heartbeatSubject, "heartbeatSubject");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(reconnectWait, "reconnectWait");
    Objects.requireNonNull(pingInterval, "pingInterval");
    if (maxPingsOut < 1) {
      throw new IllegalArgumentException("maxPingsOut must be at least 1, got " + maxPingsOut);
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one NATS server is needed");
    }
  }

  @Override
  public String toString() {
    return "NatsSettings[servers="
        + servers.stream().map(UrlMasking::mask).toList()
        + ", connectionName="
        + connectionName
        + ", heartbeatSubject="
        + heartbeatSubject
        + ", credentials="
        + credentials
        + ", reconnectWait="
        + reconnectWait
        + ", pingInterval="
        + pingInterval
        + ", maxPingsOut="
        + maxPingsOut
        + "]";
  }
}
