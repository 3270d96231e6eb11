package dev.marketdata.adapters.out.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.application.port.out.HeartbeatFeedPort;
import dev.marketdata.application.port.out.HeartbeatPublisherPort;
import dev.marketdata.application.port.out.MessagingStatusPort;
import dev.marketdata.domain.Heartbeat;
import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.MessageHandler;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one NATS connection. It connects in the background so that the service starts, and
 * stays up, while NATS is down; it then reconnects forever.
 */
public final class NatsMessagingAdapter
    implements HeartbeatPublisherPort, HeartbeatFeedPort, MessagingStatusPort, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NatsMessagingAdapter.class);

  /**
   * Nothing is buffered while disconnected: what the service publishes is worthless once late, and
   * an outage then costs no memory at all.
   */
  static final long RECONNECT_BUFFER_BYTES = 0;

  private static final Duration RECONNECT_JITTER = Duration.ofMillis(500);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final NatsSettings settings;
  private final NatsTlsClient tls;
  private final Clock clock;
  private final Counter connects;
  private final Counter reconnects;
  private final Counter disconnects;
  private final AtomicBoolean linkUp = new AtomicBoolean();
  private volatile Runnable onConnected = () -> {};
  private volatile MessageHandler feed;
  private volatile String feedSubjects;
  private final AtomicBoolean feedSubscribed = new AtomicBoolean();
  private final AtomicReference<Connection> connection = new AtomicReference<>();
  private final AtomicBoolean closing = new AtomicBoolean();

  /** Creates the adapter and its metrics. */
  public NatsMessagingAdapter(NatsSettings settings, PrometheusRegistry metrics, Clock clock) {
    this.settings = settings;
    this.tls = settings.usesTls() ? new NatsTlsClient(settings.tls(), clock, metrics) : null;
    this.clock = clock;
    this.connects =
        Counter.builder()
            .name("marketdata_nats_connects")
            .help("First connections to NATS")
            .register(metrics);
    this.reconnects =
        Counter.builder()
            .name("marketdata_nats_reconnects")
            .help("Connections to NATS regained after a loss")
            .register(metrics);
    this.disconnects =
        Counter.builder()
            .name("marketdata_nats_disconnects")
            .help("Connections to NATS lost")
            .register(metrics);
    GaugeWithCallback.builder()
        .name("marketdata_nats_connected")
        .help("1 while connected to NATS, else 0")
        .callback(callback -> callback.call(isConnected() ? 1 : 0))
        .register(metrics);
  }

  /** Starts connecting in the background and returns at once. */
  public void connect(Runnable whenConnected) {
    this.onConnected = whenConnected;
    Slf4jNatsListener listener =
        new Slf4jNatsListener(
            this::onEvent,
            error -> tls == null ? Optional.empty() : tls.reason(error),
            UrlMasking.mask(String.join(",", settings.servers())),
            clock);
    Options.Builder options =
        new Options.Builder()
            .servers(settings.servers().toArray(String[]::new))
            .connectionName(settings.clientId())
            .maxReconnects(-1)
            .reconnectWait(settings.reconnectWait())
            .reconnectJitter(RECONNECT_JITTER)
            .reconnectJitterTls(RECONNECT_JITTER)
            .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
            .pingInterval(settings.pingInterval())
            .maxPingsOut(settings.maxPingsOut())
            .connectionTimeout(CONNECT_TIMEOUT)
            .connectionListener(listener)
            .errorListener(listener);
    applyCredentials(options);
    if (tls != null) {
      tls.apply(options);
    }
    try {
      Nats.connectAsynchronously(options.build(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the NATS connection", e);
    }
  }

  private void applyCredentials(Options.Builder options) {
    switch (settings.credentials()) {
      case NatsCredentials.None none -> {}
      case NatsCredentials.UserPassword(String user, String password) ->
          options.userInfo(user.toCharArray(), password.toCharArray());
      case NatsCredentials.Token(String token) -> options.token(token.toCharArray());
      case NatsCredentials.CredsFile(var file) -> {
        AuthHandler handler = Nats.credentials(file.toString());
        options.authHandler(handler);
      }
    }
  }

  private void onEvent(Connection conn, ConnectionListener.Events type) {
    if (conn != null) {
      adopt(conn);
    }
    switch (type) {
      case CONNECTED -> {
        subscribeFeedOnce(conn);
        linkUp.set(true);
        connects.inc();
        onConnected.run();
      }
      case RECONNECTED -> {
        linkUp.set(true);
        reconnects.inc();
      }
      // jnats reports RECONNECTED before its writer leaves reconnect mode; RESUBSCRIBED comes once
      // it did, when a publish can go out again.
      case RESUBSCRIBED -> {
        subscribeFeedOnce(conn);
        onConnected.run();
      }
      case DISCONNECTED -> {
        // jnats repeats the event for failed attempts; only a link that was up can be lost.
        if (linkUp.getAndSet(false)) {
          disconnects.inc();
        }
      }
      default -> {}
    }
  }

  /** At the first connect that can send: jnats then restores the subscription on reconnects. */
  private void subscribeFeedOnce(Connection conn) {
    if (feed != null && feedSubscribed.compareAndSet(false, true)) {
      conn.createDispatcher(feed).subscribe(feedSubjects);
    }
  }

  private void adopt(Connection conn) {
    if (connection.compareAndSet(null, conn) && closing.get()) {
      // Shutdown began before the background connect handed us the connection.
      closeQuietly(conn);
    }
  }

  @Override
  public boolean isConnected() {
    Connection conn = connection.get();
    return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
  }

  /**
   * A round trip first: a server that stopped reading (hung, overloaded) while its TCP connection
   * stays open would otherwise receive the heartbeat, and act on it, long after it was true.
   */
  @Override
  public boolean publish(Heartbeat heartbeat, Duration deliverWithin) {
    Connection conn = connection.get();
    if (conn == null) {
      throw new IllegalStateException("NATS connection not established yet");
    }
    // RTT, not flush: flush returns at once, without a round trip, once pings are already
    // outstanding, which is exactly the hung-server case. RTT waits at most CONNECT_TIMEOUT.
    try {
      if (conn.RTT().compareTo(deliverWithin) > 0) {
        return false;
      }
    } catch (IOException | CancellationException e) {
      // no answer in time, or the link was given up while waiting
      return false;
    }
    conn.publish(settings.heartbeatSubject(), toJson(HeartbeatMessage.from(heartbeat)));
    return true;
  }

  /** Call before {@link #connect}: the subscription is made on the first connect. */
  @Override
  public void follow(Optional<String> clusterId, BiConsumer<Heartbeat, Instant> receiver) {
    Set<String> warnedSubjects = ConcurrentHashMap.newKeySet();
    this.feedSubjects = NatsSettings.heartbeatSubjects(clusterId);
    this.feed =
        message -> {
          Instant arrived = clock.instant();
          try {
            receiver.accept(
                Json.MAPPER.readValue(message.getData(), HeartbeatMessage.class).toHeartbeat(),
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
        };
  }

  private byte[] toJson(HeartbeatMessage message) {
    try {
      return Json.MAPPER.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise heartbeat", e);
    }
  }

  /** Stops accepting work, flushes what is in flight and closes, all within {@code timeout}. */
  public boolean drain(Duration timeout) {
    closing.set(true);
    Connection conn = connection.get();
    if (conn == null) {
      return true;
    }
    if (conn.getStatus() != Connection.Status.CONNECTED) {
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
    } catch (TimeoutException | ExecutionException | RuntimeException e) {
      LOG.warn("NATS drain failed, closing instead: {}", String.valueOf(e));
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      closeQuietly(conn);
    }
  }

  @Override
  public void close() {
    closing.set(true);
    Connection conn = connection.get();
    if (conn != null) {
      closeQuietly(conn);
    }
  }

  private void closeQuietly(Connection conn) {
    if (tls != null) {
      tls.close();
    }
    try {
      conn.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Built on the first heartbeat, not at start: Jackson's own start-up is then off the path to
   * ready, and does not contend with the log encoder's, which runs at the same moment.
   */
  private static final class Json {
    // Fields a newer publisher adds must not break an older reader.
    static final ObjectMapper MAPPER =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }
}
