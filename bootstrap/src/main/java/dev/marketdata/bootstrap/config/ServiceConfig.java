package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.NatsSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The validated configuration of one service instance.
 *
 * @param natsServers NATS_URL, split
 * @param clientId NATS_CLIENT_ID
 * @param clusterId NATS_CLUSTER_ID
 * @param credentials from NATS_CREDS_FILE, NATS_USER/NATS_PASSWORD or NATS_TOKEN
 * @param logLevel LOG_LEVEL
 * @param logFormat LOG_FORMAT: json or text
 * @param healthAddress HEALTH_BIND and HEALTH_PORT
 * @param heartbeatInterval HEARTBEAT_INTERVAL
 * @param shutdownTimeout SHUTDOWN_TIMEOUT
 * @param drainTimeout NATS_DRAIN_TIMEOUT
 * @param reconnectWait NATS_RECONNECT_WAIT
 * @param pingInterval NATS_PING_INTERVAL
 * @param maxPingsOut NATS_MAX_PINGS_OUT
 */
public record ServiceConfig(
    List<String> natsServers,
    String clientId,
    String clusterId,
    NatsCredentials credentials,
    String logLevel,
    String logFormat,
    InetSocketAddress healthAddress,
    Duration heartbeatInterval,
    Duration shutdownTimeout,
    Duration drainTimeout,
    Duration reconnectWait,
    Duration pingInterval,
    int maxPingsOut) {

  public ServiceConfig {
    natsServers = List.copyOf(natsServers);
  }

  public int healthPort() {
    return healthAddress.getPort();
  }

  public NatsSettings natsSettings() {
    return new NatsSettings(
        natsServers, clientId, clusterId, credentials, reconnectWait, pingInterval, maxPingsOut);
  }
}
