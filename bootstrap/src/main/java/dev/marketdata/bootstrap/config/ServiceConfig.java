package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.NatsSettings;
import dev.marketdata.adapters.out.nats.NatsTls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The validated configuration of one service instance; each component is described by its entry in
 * {@link Settings}.
 */
public record ServiceConfig(
    List<String> natsServers,
    String clientId,
    String clusterId,
    NatsCredentials credentials,
    NatsTls tls,
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
        natsServers,
        clientId,
        clusterId,
        credentials,
        tls,
        reconnectWait,
        pingInterval,
        maxPingsOut);
  }
}
