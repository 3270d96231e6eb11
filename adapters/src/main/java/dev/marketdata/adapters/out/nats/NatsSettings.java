package dev.marketdata.adapters.out.nats;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything the NATS adapter needs to connect and publish. */
public record NatsSettings(
    List<String> servers,
    String clientId,
    String clusterId,
    NatsCredentials credentials,
    NatsTls tls,
    Duration reconnectWait,
    Duration pingInterval,
    int maxPingsOut) {

  private static final String HEARTBEAT_SUBJECT_PREFIX = "marketdata.heartbeat.";

  public NatsSettings {
    servers = List.copyOf(servers);
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(reconnectWait, "reconnectWait");
    Objects.requireNonNull(pingInterval, "pingInterval");
    if (maxPingsOut < 1) {
      throw new IllegalArgumentException("maxPingsOut must be at least 1, got " + maxPingsOut);
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one NATS server is needed");
    }
  }

  /**
   * Where this instance's heartbeats go: the wire contract consumers subscribe to ({@code
   * marketdata.heartbeat.>} for every instance).
   */
  public String heartbeatSubject() {
    return HEARTBEAT_SUBJECT_PREFIX + clusterId + "." + clientId;
  }

  /** What a consumer subscribes to for the heartbeats of one cluster, or of all. */
  static String heartbeatSubjects(Optional<String> clusterId) {
    return HEARTBEAT_SUBJECT_PREFIX + clusterId.map(id -> id + ".*").orElse(">");
  }

  /** Whether the connection uses TLS: a TLS file is set, or a URL's scheme asks for it. */
  public boolean usesTls() {
    return tls.configured()
        || servers.stream().anyMatch(url -> url.regionMatches(true, 0, "tls://", 0, 6));
  }

  @Override
  public String toString() {
    return "NatsSettings[servers="
        + servers.stream().map(UrlMasking::mask).toList()
        + ", clientId="
        + clientId
        + ", clusterId="
        + clusterId
        + ", credentials="
        + credentials
        + ", tls="
        + tls
        + ", reconnectWait="
        + reconnectWait
        + ", pingInterval="
        + pingInterval
        + ", maxPingsOut="
        + maxPingsOut
        + "]";
  }
}
