package dev.marketdata.adapters.out.nats;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The one model of the NATS link: readiness, the heartbeat, outage lines and metrics read it. An
 * outage's WARNs: the first of each reason, then a reminder every few minutes.
 */
final class NatsLink {

  /** How often a lasting outage is recalled: a few lines an hour, none lost in between. */
  static final Duration REMIND_EVERY = Duration.ofMinutes(5);

  /** What one failed attempt is worth logging as. */
  enum Report {
    /** The first failure of its kind in this outage: WARN. */
    NEWS,
    /** The outage goes on, {@link #REMIND_EVERY} after the last WARN: WARN with the totals. */
    REMINDER,
    /** Nothing new: DEBUG. */
    QUIET
  }

  private final Set<String> reported = new HashSet<>();
  private volatile boolean up;
  private long ups;
  private long losses;
  private Instant since;
  private Instant lastWarn;
  private int failures;

  /** The connection's metrics, read from this model at each scrape. */
  void register(PrometheusRegistry metrics) {
    counter(
        metrics, "marketdata_nats_connects", "First connections to NATS", () -> ups() > 0 ? 1 : 0);
    counter(
        metrics,
        "marketdata_nats_reconnects",
        "Connections to NATS regained after a loss",
        () -> Math.max(0, ups() - 1));
    counter(metrics, "marketdata_nats_disconnects", "Connections to NATS lost", this::losses);
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

  synchronized long ups() {
    return ups;
  }

  synchronized long losses() {
    return losses;
  }

  void closed() {
    up = false;
  }

  /** The link is up: the next failure starts a new outage. */
  synchronized Optional<Duration> connected(Instant now) {
    Optional<Duration> outage =
        Optional.ofNullable(since).map(start -> Duration.between(start, now));
    reported.clear();
    up = true;
    ups++;
    since = null;
    failures = 0;
    return outage;
  }

  /**
   * Whether a disconnect is news: only a link that was up can be lost (jnats repeats the event for
   * each failed attempt, and sends it for a first connect that failed).
   */
  synchronized boolean isLoss(Instant now) {
    boolean wasUp = up;
    up = false;
    losses += wasUp ? 1 : 0;
    if (since == null) {
      since = now;
    }
    return wasUp;
  }

  /** One failed attempt, and what it is worth. */
  synchronized Report failure(String reason, Instant now) {
    failures++;
    if (since == null) {
      since = now;
    }
    if (reported.add(reason)) {
      lastWarn = now;
      return Report.NEWS;
    }
    if (Duration.between(lastWarn, now).compareTo(REMIND_EVERY) >= 0) {
      lastWarn = now;
      return Report.REMINDER;
    }
    return Report.QUIET;
  }

  /** Whether the link was ever up: before that, nothing is "lost" or "disconnected". */
  synchronized boolean everConnected() {
    return ups > 0;
  }

  /** Failed attempts in this outage so far. */
  synchronized int failures() {
    return failures;
  }

  /** How long this outage has lasted. */
  synchronized Duration lasting(Instant now) {
    return since == null ? Duration.ZERO : Duration.between(since, now);
  }
}
