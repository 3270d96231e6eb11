package dev.marketdata.adapters.out.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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

  /** Every event, once the link model has taken it in, with its connection. */
  interface EventSink {
    void accept(Connection connection, Events type);
  }

  private final EventSink sink;
  private final Function<Exception, Optional<String>> tlsReason;
  private final String servers;
  private final Clock clock;
  private final NatsLink outage;

  Slf4jNatsListener(
      NatsLink link,
      EventSink sink,
      Function<Exception, Optional<String>> tlsReason,
      String servers,
      Clock clock) {
    this.outage = link;
    this.sink = sink;
    this.tlsReason = tlsReason;
    this.servers = servers;
    this.clock = clock;
  }

  /** Still abstract in jnats, though deprecated in favour of the four-argument form below. */
  @Override
  @SuppressWarnings("deprecation")
  public void connectionEvent(Connection conn, Events type) {
    connectionEvent(conn, type, null, null);
  }

  @Override
  public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
    String server = UrlMasking.mask(uriDetails);
    switch (type) {
      case CONNECTED, RECONNECTED -> {
        // jnats calls a first connect that follows failed attempts a reconnect: it is not one.
        Events shown = outage.everConnected() ? type : Events.CONNECTED;
        Optional<Duration> without = outage.connected(clock.instant());
        LOG.atInfo()
            .addKeyValue("natsEvent", shown.name())
            .addKeyValue("server", server)
            .addKeyValue("outageMillis", without.map(Duration::toMillis).orElse(null))
            .log(
                "NATS connection {}{}",
                shown.getEvent(),
                without.map(d -> ", after " + seconds(d) + " without NATS").orElse(""));
      }
      default -> {
        boolean news =
            type == Events.LAME_DUCK
                || (type == Events.DISCONNECTED && outage.isLoss(clock.instant()));
        (news ? LOG.atWarn() : LOG.atDebug())
            .addKeyValue("natsEvent", type.name())
            .addKeyValue("server", server)
            .log("NATS connection {}", type.getEvent());
      }
    }
    sink.accept(conn, type);
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.atWarn().addKeyValue("natsEvent", "ERROR").log("NATS error: {}", UrlMasking.mask(error));
  }

  /**
   * Once per outage and reason, then a reminder every few minutes, without a stack trace: the same
   * failure recurs every retry.
   */
  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    Optional<String> tls = tlsReason.apply(exp);
    String reason = tls.orElseGet(() -> UrlMasking.mask(String.valueOf(exp)));
    Instant now = clock.instant();
    String what =
        tls.isPresent()
            ? "NATS TLS connect to " + servers + " failed"
            : "cannot reach NATS at " + servers;
    String when = outage.everConnected() ? "" : " (not connected yet)";
    switch (outage.failure(reason, now)) {
      case NEWS ->
          LOG.atWarn()
              .addKeyValue("natsEvent", tls.isPresent() ? "TLS_FAILED" : "EXCEPTION")
              .log("{}{}: {}", what, when, reason);
      case REMINDER ->
          LOG.atWarn()
              .addKeyValue("natsEvent", "STILL_UNREACHABLE")
              .addKeyValue("failedAttempts", outage.failures())
              .log(
                  "{}{}: {} failed attempts in {}, the last: {}",
                  what,
                  when,
                  outage.failures(),
                  seconds(outage.lasting(now)),
                  reason);
      case QUIET ->
          LOG.atDebug()
              .addKeyValue("natsEvent", tls.isPresent() ? "TLS_FAILED" : "EXCEPTION")
              .log("{}{}: {}", what, when, reason);
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
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
