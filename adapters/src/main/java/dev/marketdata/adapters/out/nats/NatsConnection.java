package dev.marketdata.adapters.out.nats;

import dev.marketdata.application.port.in.RestartHeartbeatUseCase;
import dev.marketdata.application.port.out.MessagingStatusPort;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.MessageHandler;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one NATS connection: made in the background, so that the service starts and stays
 * up while NATS is down, then kept forever. Its state is {@link NatsLink}'s.
 */
public final class NatsConnection implements MessagingStatusPort, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsConnection.class);
  private static final Duration RECONNECT_JITTER = Duration.ofMillis(500);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final NatsSettings settings;
  private final Optional<NatsTlsClient> tls;
  private final NatsLink link;
  private final Map<String, MessageHandler> subscriptions = new ConcurrentHashMap<>();
  private final AtomicReference<Connection> connection = new AtomicReference<>();
  private volatile boolean closing;

  public NatsConnection(NatsSettings settings, PrometheusRegistry metrics, Clock clock) {
    this.settings = settings;
    this.tls =
        Optional.ofNullable(
            settings.usesTls() ? new NatsTlsClient(settings.tls(), clock, metrics) : null);
    this.link =
        new NatsLink(settings.shownServers(), e -> tls.flatMap(t -> t.failed(e)), clock, metrics);
  }

  /** Starts connecting in the background; each connect that can send restarts the heartbeat. */
  public void connect(RestartHeartbeatUseCase heartbeat) {
    var listener =
        new ConnectionListener() {
          @Override
          @SuppressWarnings("deprecation") // still abstract in jnats
          public void connectionEvent(Connection conn, Events type) {}

          @Override
          public void connectionEvent(Connection conn, Events type, Long time, String uri) {
            link.connectionEvent(conn, type, time, uri);
            onEvent(conn, type, heartbeat);
          }
        };
    Options.Builder options =
        new Options.Builder()
            .servers(settings.servers().toArray(String[]::new))
            .connectionName(settings.clientId())
            .maxReconnects(-1)
            .reconnectWait(settings.reconnectWait())
            .reconnectJitter(RECONNECT_JITTER)
            .reconnectJitterTls(RECONNECT_JITTER)
            // Nothing is buffered while disconnected: a late heartbeat is worthless.
            .reconnectBufferSize(0)
            .pingInterval(settings.pingInterval())
            .maxPingsOut(settings.maxPingsOut())
            .connectionTimeout(CONNECT_TIMEOUT)
            .connectionListener(listener)
            .errorListener(link);
    switch (settings.credentials()) {
      case NatsCredentials.None none -> {}
      case NatsCredentials.UserPassword(String user, var password) ->
          options.userInfo(user.toCharArray(), password.reveal());
      case NatsCredentials.Token(var token) -> options.token(token.reveal());
      case NatsCredentials.CredsFile(var file) ->
          options.authHandler(Nats.credentials(file.toString()));
    }
    tls.ifPresent(t -> t.apply(options));
    try {
      Nats.connectAsynchronously(options.build(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onEvent(Connection conn, Events type, RestartHeartbeatUseCase heartbeat) {
    if (conn != null && connection.compareAndSet(null, conn) && closing) {
      closeQuietly(conn); // shutdown began before the background connect handed it over
    }
    switch (type) {
      case CONNECTED -> {
        subscriptions.forEach((subject, handler) -> subscribe(conn, subject, handler));
        heartbeat.restartHeartbeat();
      }
      // jnats sends RECONNECTED before its writer leaves reconnect mode; RESUBSCRIBED once it has.
      case RESUBSCRIBED -> heartbeat.restartHeartbeat();
      case DISCONNECTED ->
          tls.ifPresent(NatsTlsClient::reload); // rotated files serve the reconnect
      default -> {}
    }
  }

  /** Subscribes now if connected, else at the first connect; jnats restores it on reconnects. */
  void subscribe(String subject, MessageHandler handler) {
    subscriptions.put(subject, handler);
    Connection conn = connection.get();
    if (conn != null && link.isUp()) {
      subscribe(conn, subject, handler);
    }
  }

  private synchronized void subscribe(Connection conn, String subject, MessageHandler h) {
    conn.createDispatcher(h).subscribe(subject);
  }

  @Override
  public boolean isConnected() {
    return link.isUp();
  }

  Optional<Connection> connection() {
    return Optional.ofNullable(connection.get());
  }

  /** Stops accepting work, flushes what is in flight and closes, all within {@code timeout}. */
  public boolean drain(Duration timeout) {
    closing = true;
    Connection conn = connection.get();
    if (conn == null) {
      return true;
    }
    if (!link.isUp()) {
      LOG.warn("NATS not connected at shutdown: closing without drain");
      closeQuietly(conn);
      return false;
    }
    try {
      boolean drained = conn.drain(timeout).get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      if (!drained) {
        LOG.warn("NATS drain did not finish within {}ms: closing", timeout.toMillis());
      }
      return drained;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.warn("NATS drain failed, closing instead: {}", String.valueOf(e));
      return false;
    } finally {
      closeQuietly(conn);
    }
  }

  @Override
  public void close() {
    closing = true;
    connection().ifPresent(this::closeQuietly);
  }

  private void closeQuietly(Connection conn) {
    tls.ifPresent(NatsTlsClient::close);
    try {
      conn.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
