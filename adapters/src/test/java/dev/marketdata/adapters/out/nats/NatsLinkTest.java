package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.nats.client.ConnectionListener.Events;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an operator reads during a NATS outage, driven as jnats drives it at the defaults. */
class NatsLinkTest {

  private static final String SERVER = "nats://127.0.0.1:4222";

  /** The default NATS_RECONNECT_WAIT. */
  private static final int RETRY_SECONDS = 2;

  private final StepClock clock = new StepClock();
  private final NatsLink listener =
      new NatsLink(SERVER, error -> Optional.empty(), clock, new PrometheusRegistry());
  private final Logger log = (Logger) LoggerFactory.getLogger("dev.marketdata.nats");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void capture() {
    lines.start();
    log.addAppender(lines);
    log.setLevel(Level.DEBUG);
  }

  @AfterEach
  void release() {
    log.detachAppender(lines);
  }

  /** One failed attempt, as jnats reports it: the exception, then a disconnect event. */
  private void refused() {
    listener.exceptionOccurred(null, new ConnectException("Connection refused"));
    listener.connectionEvent(null, Events.DISCONNECTED, null, SERVER);
  }

  private List<String> at(Level level) {
    return lines.list.stream()
        .filter(line -> line.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void twentySecondsWithoutNatsGiveAtMostThreeWarningsAndTheRecoveryItsLength() {
    listener.connectionEvent(null, Events.CONNECTED, null, SERVER);
    clock.advance(1);
    listener.exceptionOccurred(null, new IOException("Read channel closed."));
    listener.connectionEvent(null, Events.DISCONNECTED, null, SERVER);

    for (int second = 0; second < 20; second += RETRY_SECONDS) {
      clock.advance(RETRY_SECONDS);
      refused();
    }
    listener.connectionEvent(null, Events.RECONNECTED, null, SERVER);

    assertEquals(
        List.of(
            "cannot reach NATS at nats://127.0.0.1:4222: java.io.IOException: Read channel closed.",
            "NATS connection disconnected",
            "cannot reach NATS at nats://127.0.0.1:4222: java.net.ConnectException: Connection"
                + " refused"),
        at(Level.WARN));
    assertEquals(
        List.of("NATS connection opened", "NATS connection reconnected, after 20.0 s without NATS"),
        at(Level.INFO));
  }

  @Test
  void beforeTheFirstConnectItSaysNotConnectedYetRemindsWithTheCountAndThenOpened() {
    for (int second = 0; second <= 300; second += RETRY_SECONDS) {
      refused();
      clock.advance(RETRY_SECONDS);
    }
    // How jnats reports the first connect after failed attempts.
    listener.connectionEvent(null, Events.RECONNECTED, null, SERVER);

    List<String> warnings = at(Level.WARN);

    assertEquals(2, warnings.size(), warnings.toString());
    assertEquals(
        "cannot reach NATS at nats://127.0.0.1:4222 (not connected yet):"
            + " java.net.ConnectException: Connection refused",
        warnings.getFirst());
    assertEquals(
        "cannot reach NATS at nats://127.0.0.1:4222 (not connected yet): 151 failed attempts in"
            + " 300.0 s, the last: java.net.ConnectException: Connection refused",
        warnings.getLast());
    assertEquals(List.of("NATS connection opened, after 302.0 s without NATS"), at(Level.INFO));
    assertTrue(
        lines.list.stream()
            .filter(line -> line.getLevel().isGreaterOrEqual(Level.INFO))
            .noneMatch(line -> line.getFormattedMessage().contains("disconnected")),
        "a link that never was up is not 'disconnected'");
  }

  @Test
  void eachReasonIsAWarningOncePerOutageAndALinkThatWasUpIsLostOnce() {
    listener.connectionEvent(null, Events.CONNECTED, null, SERVER);
    for (int attempt = 0; attempt < 3; attempt++) {
      refused();
      listener.exceptionOccurred(null, new IOException("timeout"));
    }
    listener.connectionEvent(null, Events.RECONNECTED, null, SERVER);
    refused();

    assertEquals(
        List.of(
            "cannot reach NATS at nats://127.0.0.1:4222: java.net.ConnectException: Connection"
                + " refused",
            "NATS connection disconnected",
            "cannot reach NATS at nats://127.0.0.1:4222: java.io.IOException: timeout",
            "cannot reach NATS at nats://127.0.0.1:4222: java.net.ConnectException: Connection"
                + " refused",
            "NATS connection disconnected"),
        at(Level.WARN));
  }

  /** Time as data: it moves only when the test says so. */
  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T12:00:00Z");

    void advance(int seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
