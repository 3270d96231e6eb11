package dev.marketdata.adapters.out.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one model of the NATS link, fed by jnats' events: readiness, the heartbeat, metrics and the
 * outage lines read it. Logging through SLF4J keeps jnats off java.util.logging's plain text.
 */
final class NatsLink implements ConnectionListener, ErrorListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.marketdata.nats");

  /** How often a lasting outage is recalled: a few lines an hour, none lost in between. */
  static final Duration REMIND_EVERY = Duration.ofMinutes(5);

  private final String servers;
  private final Function<Exception, Optional<String>> tlsReason;
  private final Clock clock;
  private final Set<String> reported = new HashSet<>();
  private volatile boolean up;
  private volatile long ups;
  private volatile long losses;
  private Instant since;
  private Instant lastWarn;
  private int failures;

  NatsLink(
      String servers,
      Function<Exception, Optional<String>> tlsReason,
      Clock clock,
      PrometheusRegistry metrics) {
    this.servers = servers;
    this.tlsReason = tlsReason;
    this.clock = clock;
    counter(
        metrics, "marketdata_nats_connects", "First connections to NATS", () -> ups > 0 ? 1 : 0);
    counter(
        metrics,
        "marketdata_nats_reconnects",
        "Connections to NATS regained after a loss",
        () -> Math.max(0, ups - 1));
    counter(metrics, "marketdata_nats_disconnects", "Connections to NATS lost", () -> losses);
    GaugeWithCallback.builder()
        .name("marketdata_nats_connected")
        .help("1 while connected to NATS, else 0")
        .callback(callback -> callback.call(up ? 1 : 0))
        .register(metrics);
  }

  private static void counter(
      PrometheusRegistry metrics, String name, String help, LongSupplier count) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call((double) count.getAsLong()))
        .register(metrics);
  }

  boolean isUp() {
    return up;
  }

  /** Still abstract in jnats, though deprecated in favour of the four-argument form below. */
  @Override
  @SuppressWarnings("deprecation")
  public void connectionEvent(Connection conn, Events type) {
    connectionEvent(conn, type, null, null);
  }

  @Override
  public synchronized void connectionEvent(Connection conn, Events type, Long time, String uri) {
    String server = UrlMasking.mask(uri);
    Instant now = clock.instant();
    switch (type) {
      case CONNECTED, RECONNECTED -> {
        // jnats calls a first connect that follows failed attempts a reconnect: it is not one.
        Events shown = ups > 0 ? type : Events.CONNECTED;
        Optional<Duration> without = Optional.ofNullable(since).map(s -> Duration.between(s, now));
        reported.clear();
        up = true;
        ups++;
        since = null;
        failures = 0;
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
        // Only a link that was up can be lost: jnats repeats DISCONNECTED for each failed attempt.
        boolean lost = type == Events.DISCONNECTED && up;
        if (type == Events.DISCONNECTED || type == Events.CLOSED) {
          up = false;
          losses += lost ? 1 : 0;
          since = since == null && type == Events.DISCONNECTED ? now : since;
        }
        (lost || type == Events.LAME_DUCK ? LOG.atWarn() : LOG.atDebug())
            .addKeyValue("natsEvent", type.name())
            .addKeyValue("server", server)
            .log("NATS connection {}", type.getEvent());
      }
    }
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.atWarn().addKeyValue("natsEvent", "ERROR").log("NATS error: {}", UrlMasking.mask(error));
  }

  /**
   * A failed attempt: the first of each reason in an outage is a WARN, then a reminder every few
   * minutes with the count; no stack trace, as the same failure recurs every retry.
   */
  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    Optional<String> tls = tlsReason.apply(exp);
    String reason = tls.orElseGet(() -> UrlMasking.mask(String.valueOf(exp)));
    String event = tls.isPresent() ? "TLS_FAILED" : "EXCEPTION";
    synchronized (this) {
      String what =
          (tls.isPresent()
                  ? "NATS TLS connect to " + servers + " failed"
                  : "cannot reach NATS at " + servers)
              + (ups > 0 ? "" : " (not connected yet)");
      Instant now = clock.instant();
      failures++;
      since = since == null ? now : since;
      if (reported.add(reason)) {
        lastWarn = now;
        LOG.atWarn().addKeyValue("natsEvent", event).log("{}: {}", what, reason);
      } else if (Duration.between(lastWarn, now).compareTo(REMIND_EVERY) >= 0) {
        lastWarn = now;
        LOG.atWarn()
            .addKeyValue("natsEvent", "STILL_UNREACHABLE")
            .addKeyValue("failedAttempts", failures)
            .log(
                "{}: {} failed attempts in {}, the last: {}",
                what,
                failures,
                seconds(Duration.between(since, now)),
                reason);
      } else {
        LOG.atDebug().addKeyValue("natsEvent", event).log("{}: {}", what, reason);
      }
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
