package dev.marketdata.adapters.out.nats;

import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.application.port.in.RestartHeartbeatUseCase;
import dev.marketdata.domain.Heartbeat;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The NATS adapter's parts, built as the composition root builds them. */
final class NatsParts implements AutoCloseable {

  final NatsConnection connection;
  final NatsHeartbeatPublisher publisher;
  final NatsHeartbeatFeed feed;

  NatsParts(NatsSettings settings, PrometheusRegistry metrics, Clock clock) {
    connection = new NatsConnection(settings, metrics, clock);
    publisher = new NatsHeartbeatPublisher(connection, settings);
    feed = new NatsHeartbeatFeed(connection, clock);
  }

  /** Settings read from variables, as at start: these over quick test defaults. */
  static NatsSettings settings(String url, Map<String, String> variables) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "NATS_CLIENT_ID",
                "md-1",
                "NATS_CLUSTER_ID",
                "test",
                "NATS_RECONNECT_WAIT",
                "100ms",
                "NATS_PING_INTERVAL",
                "1s"));
    env.put("NATS_URL", url);
    env.putAll(variables);
    try {
      return Env.of(env).load(NatsSettings::from);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(e);
    }
  }

  void connect(RestartHeartbeatUseCase heartbeat) {
    connection.connect(heartbeat);
  }

  boolean isConnected() {
    return connection.isConnected();
  }

  boolean publish(Heartbeat heartbeat, Duration deliverWithin) {
    return publisher.publish(heartbeat, deliverWithin);
  }

  void follow(Optional<String> clusterId, BiConsumer<Heartbeat, Instant> receiver) {
    feed.follow(clusterId, receiver);
  }

  boolean drain(Duration timeout) {
    return connection.drain(timeout);
  }

  @Override
  public void close() {
    connection.close();
  }
}
