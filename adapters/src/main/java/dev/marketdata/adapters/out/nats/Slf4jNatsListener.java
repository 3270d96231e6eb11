package dev.marketdata.adapters.out.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jnats' connection events and asynchronous errors to SLF4J. Without it jnats falls back to
 * java.util.logging, whose plain-text lines would break the JSON-only stdout.
 */
final class Slf4jNatsListener implements ConnectionListener, ErrorListener {

  private static final Logger LOG = LoggerFactory.getLogger("dev.marketdata.nats");

  /**
   * Receives every connection event jnats reports, with its connection (the first one of an async
   * connect included).
   */
  interface EventSink {
    void accept(Connection connection, Events type);
  }

  private final EventSink sink;
  private final Function<Exception, Optional<String>> tlsReason;
  private final OutageReports outage = new OutageReports();

  /**
   * Creates the listener.
   *
   * @param sink receives every connection event
   * @param tlsReason names the cause of a failed TLS connect; empty for other failures
   */
  Slf4jNatsListener(EventSink sink, Function<Exception, Optional<String>> tlsReason) {
    this.sink = sink;
    this.tlsReason = tlsReason;
  }

  /** Still abstract in jnats, though deprecated in favour of the four-argument form below. */
  @Override
  @SuppressWarnings("deprecation")
  public void connectionEvent(Connection conn, Events type) {
    connectionEvent(conn, type, null, null);
  }

  @Override
  public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
    sink.accept(conn, type);
    String server = UrlMasking.mask(uriDetails);
    switch (type) {
      case CONNECTED, RECONNECTED -> {
        outage.connected();
        LOG.atInfo()
            .addKeyValue("natsEvent", type.name())
            .addKeyValue("server", server)
            .log("NATS connection {}", type.getEvent());
      }
      case DISCONNECTED ->
          (outage.isLoss() ? LOG.atWarn() : LOG.atDebug())
              .addKeyValue("natsEvent", type.name())
              .addKeyValue("server", server)
              .log("NATS connection {}", type.getEvent());
      case LAME_DUCK ->
          LOG.atWarn()
              .addKeyValue("natsEvent", type.name())
              .addKeyValue("server", server)
              .log("NATS connection {}", type.getEvent());
      default ->
          LOG.atDebug()
              .addKeyValue("natsEvent", type.name())
              .addKeyValue("server", server)
              .log("NATS connection {}", type.getEvent());
    }
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.atWarn().addKeyValue("natsEvent", "ERROR").log("NATS error: {}", UrlMasking.mask(error));
  }

  /** Once per outage and reason, without a stack trace: the same failure recurs every retry. */
  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    Optional<String> tls = tlsReason.apply(exp);
    String reason = tls.orElseGet(() -> UrlMasking.mask(String.valueOf(exp)));
    (outage.isNews(reason) ? LOG.atWarn() : LOG.atDebug())
        .addKeyValue("natsEvent", tls.isPresent() ? "TLS_FAILED" : "EXCEPTION")
        .log(tls.isPresent() ? "NATS TLS connect failed: {}" : "NATS exception: {}", reason);
  }

  @Override
  public void slowConsumerDetected(Connection conn, Consumer consumer) {
    LOG.atWarn().addKeyValue("natsEvent", "SLOW_CONSUMER").log("NATS slow consumer detected");
  }

  @Override
  public void messageDiscarded(Connection conn, Message msg) {
    LOG.atWarn()
        .addKeyValue("natsEvent", "MESSAGE_DISCARDED")
        .addKeyValue("subject", msg == null ? null : msg.getSubject())
        .log("NATS discarded a message");
  }

  @Override
  public void socketWriteTimeout(Connection conn) {
    LOG.atWarn().addKeyValue("natsEvent", "SOCKET_WRITE_TIMEOUT").log("NATS socket write timeout");
  }
}
