package dev.marketdata.adapters.out.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.domain.Heartbeat;
import dev.marketdata.domain.ServiceIdentity;
import dev.marketdata.domain.ServiceState;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The NATS adapter against a real nats-server. */
class NatsPartsIT {

  private static final String SUBJECT = "marketdata.heartbeat.test.md-1";
  private static final Duration GENEROUS = Duration.ofSeconds(10);
  private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");
  private static final Heartbeat HEARTBEAT =
      new ServiceIdentity("md-1", "1.2.3", STARTED)
          .heartbeatAt(STARTED.plusMillis(1500), ServiceState.READY, Duration.ofSeconds(2));
  private static final Path CONTRACT = Path.of("..", "docs", "heartbeat.schema.json");

  /** Subscribes to the heartbeat subject first, so that nothing the adapter sends is missed. */
  private static Subscription subscribeThenConnect(Connection subscriber, NatsParts adapter)
      throws Exception {
    Subscription subscription = subscriber.subscribe(SUBJECT);
    subscriber.flush(GENEROUS);
    adapter.connect(() -> {});
    await("adapter connected").atMost(GENEROUS).until(adapter::isConnected);
    return subscription;
  }

  /** An adapter without credentials, its metrics in a registry of its own. */
  private static NatsParts adapterFor(String url) {
    return adapterFor(url, Map.of());
  }

  private static NatsParts adapterFor(String url, Map<String, String> settings) {
    return new NatsParts(
        NatsParts.settings(url, settings), new PrometheusRegistry(), Clock.systemUTC());
  }

  @Test
  void publishesTheHeartbeatAsAFlatJsonObject() throws Exception {
    try (NatsServer server = NatsServer.start();
        Connection subscriber = Nats.connect(server.url());
        NatsParts adapter = adapterFor(server.url())) {
      Subscription subscription = subscribeThenConnect(subscriber, adapter);

      assertTrue(adapter.publish(HEARTBEAT, GENEROUS));

      Message message = subscription.nextMessage(GENEROUS);
      assertNotNull(message, "no heartbeat arrived");
      JsonNode body = new ObjectMapper().readTree(message.getData());
      assertEquals("md-1", body.get("serviceId").asText());
      assertEquals("1.2.3", body.get("version").asText());
      assertEquals("READY", body.get("state").asText());
      assertEquals(1500, body.get("uptimeMillis").asLong());
      assertEquals("2026-11-26T10:00:01.500Z", body.get("timestamp").asText());
      assertEquals(6000, body.get("validForMillis").asLong());
      assertEquals(List.of(), contractViolations(body), "breaks " + CONTRACT);
    }
  }

  /** What the published contract says is wrong with a message, by a maintained validator. */
  private static List<String> contractViolations(JsonNode message) throws IOException {
    try (InputStream contract = Files.newInputStream(CONTRACT)) {
      return SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              registry ->
                  registry.schemaRegistryConfig(
                      SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
          .getSchema(contract)
          .validate(message)
          .stream()
          .map(Object::toString)
          .toList();
    }
  }

  @Test
  void theContractRejectsAMessageWithoutItsValidity() throws Exception {
    ObjectNode message = (ObjectNode) new ObjectMapper().readTree(validMessage());
    message.remove("validForMillis");

    assertEquals(1, contractViolations(message).size(), "the contract let it through");
  }

  private static byte[] validMessage() throws IOException {
    return new ObjectMapper().writeValueAsBytes(HeartbeatMessage.from(HEARTBEAT));
  }

  @Test
  void followsOneClustersHeartbeatsAndSkipsWhatIsNotOne() throws Exception {
    try (NatsServer server = NatsServer.start();
        Connection other = Nats.connect(server.url());
        NatsParts publisher = adapterFor(server.url());
        NatsParts watcher = adapterFor(server.url())) {
      BlockingQueue<Heartbeat> received = new LinkedBlockingQueue<>();
      // The watcher's own beats while it waits: more may be in flight when the first arrives.
      Heartbeat warmUp =
          new ServiceIdentity("md-warm-up", "1.2.3", STARTED)
              .heartbeatAt(STARTED, ServiceState.READY, Duration.ofSeconds(2));
      watcher.follow(Optional.of("test"), (heartbeat, at) -> received.add(heartbeat));
      watcher.connect(() -> {});
      publisher.connect(() -> {});
      await("both connected, the watcher hearing its own heartbeat")
          .atMost(GENEROUS)
          .until(
              () ->
                  publisher.isConnected()
                      && watcher.isConnected()
                      && watcher.publish(warmUp, GENEROUS)
                      && received.poll(100, TimeUnit.MILLISECONDS) != null);

      other.publish("marketdata.heartbeat.test.md-9", "not json".getBytes(UTF_8));
      other.publish("marketdata.heartbeat.elsewhere.md-8", validMessage());
      other.flush(GENEROUS);
      assertTrue(publisher.publish(HEARTBEAT, GENEROUS));

      List<Heartbeat> delivered = new ArrayList<>();
      Heartbeat next;
      while ((next =
              received.poll(delivered.isEmpty() ? GENEROUS.toMillis() : 500, TimeUnit.MILLISECONDS))
          != null) {
        if (!next.equals(warmUp)) {
          delivered.add(next);
        }
      }
      assertEquals(List.of(HEARTBEAT), delivered, "delivered what it should skip");
    }
  }

  @Test
  void aHungServerLosesReadinessDropsHeartbeatsAndIsReplacedOnceItAnswers() throws Exception {
    try (NatsServer server = NatsServer.start();
        Connection subscriber = Nats.connect(server.url());
        NatsParts adapter = adapterFor(server.url())) {
      Subscription subscription = subscribeThenConnect(subscriber, adapter);

      server.freeze();
      boolean sentWhileHung = adapter.publish(HEARTBEAT, Duration.ofMillis(500));
      // 1 s pings, 2 out: a dead link is noticed within about 3 s.
      await("hung server noticed").atMost(GENEROUS).until(() -> !adapter.isConnected());
      server.thaw();
      await("reconnected after the server answers").atMost(GENEROUS).until(adapter::isConnected);

      assertFalse(sentWhileHung, "a heartbeat was handed to a server that did not answer");
      subscriber.flush(GENEROUS);
      assertNull(subscription.nextMessage(Duration.ofSeconds(1)), "a stale heartbeat arrived late");
    }
  }

  @Test
  void startsWhileNatsIsDownAndConnectsOnceItAppears() {
    int port = NatsServer.freePort();
    try (NatsParts adapter = adapterFor("nats://127.0.0.1:" + port)) {

      adapter.connect(() -> {});

      assertFalse(adapter.isConnected());
      try (NatsServer server = NatsServer.startOn(port)) {
        await("connected after NATS came up").atMost(GENEROUS).until(adapter::isConnected);
      }
    }
  }

  @Test
  void losesReadinessWhenNatsStopsAndRegainsItWhenNatsReturns() {
    int port = NatsServer.freePort();
    try (NatsParts adapter = adapterFor("nats://127.0.0.1:" + port)) {
      try (NatsServer server = NatsServer.startOn(port)) {
        adapter.connect(() -> {});
        await("first connect").atMost(GENEROUS).until(adapter::isConnected);
      }

      await("disconnect noticed").atMost(GENEROUS).until(() -> !adapter.isConnected());

      try (NatsServer server = NatsServer.startOn(port)) {
        await("reconnected").atMost(GENEROUS).until(adapter::isConnected);
      }
    }
  }

  static Stream<Arguments> authenticationMethods() {
    return Stream.of(
        Arguments.of(
            List.of("--user", "md", "--pass", "s3cret"),
            Map.of("NATS_USER", "md", "NATS_PASSWORD", "s3cret")),
        Arguments.of(List.of("--auth", "t0ken"), Map.of("NATS_TOKEN", "t0ken")));
  }

  @ParameterizedTest
  @MethodSource("authenticationMethods")
  void authenticatesWithEachMethod(List<String> serverArgs, Map<String, String> settings) {
    try (NatsServer server =
            NatsServer.startOn(NatsServer.freePort(), serverArgs.toArray(String[]::new));
        NatsParts adapter = adapterFor(server.url(), settings)) {
      adapter.connect(() -> {});

      await("authenticated connect").atMost(GENEROUS).until(adapter::isConnected);
    }
  }

  @Test
  void drainsCleanlyWhileConnected() {
    try (NatsServer server = NatsServer.start();
        NatsParts adapter = adapterFor(server.url())) {
      adapter.connect(() -> {});
      await("connected").atMost(GENEROUS).until(adapter::isConnected);
      assertTrue(adapter.publish(HEARTBEAT, GENEROUS));

      boolean drained = adapter.drain(Duration.ofSeconds(2));

      assertTrue(drained);
      assertFalse(adapter.isConnected());
    }
  }

  @Test
  void drainStaysBoundedWhenNatsIsDown() {
    int port = NatsServer.freePort();
    NatsParts adapter = adapterFor("nats://127.0.0.1:" + port);
    try (NatsServer server = NatsServer.startOn(port)) {
      adapter.connect(() -> {});
      await("connected").atMost(GENEROUS).until(adapter::isConnected);
    }
    await("disconnect noticed").atMost(GENEROUS).until(() -> !adapter.isConnected());
    long start = System.nanoTime();

    boolean drained = adapter.drain(Duration.ofSeconds(1));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertFalse(drained, "a drain without a server cannot have flushed anything");
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "drain took " + took);
  }

  @Test
  void aShutdownBeforeTheFirstConnectLeavesNoConnectionBehind() throws Exception {
    int port = NatsServer.freePort();
    NatsParts adapter = adapterFor("nats://127.0.0.1:" + port);
    adapter.connect(() -> {});

    // Whether jnats has handed over its connection yet is a race; either way nothing may connect
    // once the drain has begun.
    adapter.drain(Duration.ofSeconds(1));

    try (NatsServer server = NatsServer.startOn(port);
        Connection probe = Nats.connect(server.url())) {
      // The server accepts connections now; give the background connect (100 ms reconnect wait)
      // ten rounds to (wrongly) come up.
      await("never connected")
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !adapter.isConnected());
      assertEquals(Connection.Status.CONNECTED, probe.getStatus(), "the server takes clients");
    }
  }
}
