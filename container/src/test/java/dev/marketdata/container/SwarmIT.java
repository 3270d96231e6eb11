package dev.marketdata.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapters.testsupport.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root docker-compose.yml on a single-node Docker Swarm, deployed by scripts/stack-deploy.sh
 * under a stack name of its own, on an engine that already is a swarm manager (else skipped, and
 * .ci/run fails when it was); removes only what it created.
 */
class SwarmIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HEARTBEAT = Duration.ofMillis(500);

  /** Each window holds two heartbeats of every replica: one late beat cannot empty it. */
  private static final Duration WINDOW = Duration.ofSeconds(1);

  /** Rollouts here took 6 s (rollback of a never-healthy image) to 10 s (update). */
  private static final Duration ROLLOUT_WITHIN = Duration.ofSeconds(90);

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String stack = "mds-swarm-" + id;
  private final String service = stack + "_market-data-service";
  private final int natsPort = NatsServer.freePort();
  private final List<String> builtTags = new ArrayList<>();
  private final ConcurrentLinkedQueue<Beat> beats = new ConcurrentLinkedQueue<>();

  @TempDir Path dir;

  private record Beat(Instant at, String serviceId) {}

  @BeforeEach
  void needASwarmManagerAndClaimTheStackName() {
    String role = Docker.ok("info", "--format", "{{.Swarm.ControlAvailable}}").strip();
    // Joining a swarm changes the whole engine: this test only uses one it is given.
    Assumptions.assumeTrue(
        role.equals("true"),
        "SwarmIT needs an engine that is a swarm manager (docker swarm init); .ci/run prepares one");
    assertFalse(
        Docker.ok("stack", "ls", "--format", "{{.Name}}").lines().anyMatch(stack::equals),
        "stack " + stack + " exists already: never overwritten");
  }

  @AfterEach
  void removeWhatThisTestCreated() {
    phase("removing the stack");
    Docker.run("stack", "rm", stack);
    // stack rm returns before its containers and network are gone.
    await("stack " + stack + " removed")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Docker.ok("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + stack)
                        .isBlank()
                    && Docker.ok(
                            "network",
                            "ls",
                            "-q",
                            "--filter",
                            "label=com.docker.stack.namespace=" + stack)
                        .isBlank());
    phase("stack removed");
    for (String tag : builtTags) {
      Docker.run("rmi", tag);
    }
  }

  @Test
  void rollsOutStartFirstRollsBackBadUpdatesAndStopsRemovedReplicasWithExitZero() throws Exception {
    String image = ContainerSupport.image();
    Path ports = Files.writeString(dir.resolve("ports.yml"), natsPortFile());
    String renamed = build("v2", "FROM " + image + "\nLABEL dev.marketdata.test=" + id + "\n");
    String sick =
        build(
            "sick",
            "FROM "
                + image
                + "\nHEALTHCHECK --interval=500ms --timeout=1s --retries=1 CMD [\"/nonexistent\"]\n");

    phase("start");
    // A tag that is not on the node: a clear message, nothing deployed.
    Docker.Result missing = deploy(Map.of("MDS_IMAGE_TAG", "not-built-" + id), ports);
    assertEquals(69, missing.exitCode(), missing.toString());
    assertTrue(missing.stderr().contains("./mvnw -B -ntp verify"), missing.stderr());

    phase("missing tag refused");
    // Three healthy replicas, three identities.
    Docker.Result deployed = deploy(Map.of(), ports);
    assertEquals(0, deployed.exitCode(), deployed.toString());
    try (Connection subscriber = subscribe()) {
      awaitTasks("3 healthy replicas", () -> healthy().size() == 3);
      await("3 identities beating").atMost(Duration.ofSeconds(10)).until(() -> idsSince(2) == 3);
      // Services take no security_opt: no-new-privileges comes from each node's daemon
      // (docs/security.md). The one published port is this test's own, which Swarm binds widely.
      List<String> findings =
          HardeningCheck.findings(
              Docker.ok("ps", "-q", "--filter", "label=com.docker.stack.namespace=" + stack)
                  .lines()
                  .toList(),
              Set.of("(no-new-privileges)", "(5.14 loopback)"));

      phase("3 healthy, beating");
      // Swarm stops an unhealthy replica (NATS down for three health checks) as docker stop
      // does: it exits 0, and must still be replaced.
      String stopped = healthy().getFirst();
      Docker.ok("stop", stopped);
      awaitTasks(
          "a replacement for the stopped replica",
          () -> healthy().size() == 3 && !healthy().contains(stopped));
      List<String> firstReplicas = healthy();
      List<CompletableFuture<String>> updatedAway =
          firstReplicas.stream().map(SwarmIT::howItWillStop).toList();

      phase("replacement healthy");
      // Start-first update to a new tag: three replicas beat in every window throughout.
      Instant updateStart = Instant.now();
      Docker.ok("service", "update", "--detach", "--image", renamed, service);
      awaitTasks(
          "3 replicas on " + renamed,
          () ->
              healthy().stream().filter(c -> imageOf(c).equals(renamed)).count() == 3
                  && firstReplicas.stream().allMatch(c -> !running(c)));
      Instant updateEnd = Instant.now();

      phase("update rolled out");
      // An update that exits 78, then an image that never becomes healthy: both rolled back.
      Instant badStart = Instant.now();
      rolledBack("--env-add", "HEARTBEAT_INTERVAL=banana", service);
      String exited78 =
          Docker.ok(
              "ps",
              "-aq",
              "--filter",
              "exited=78",
              "--filter",
              "label=com.docker.swarm.service.name=" + service);
      phase("exit-78 update rolled back");
      rolledBack("--image", sick, service);
      Instant badEnd = Instant.now();
      List<String> afterRollbacks = healthy();
      List<String> imagesAfterRollbacks = afterRollbacks.stream().map(SwarmIT::imageOf).toList();

      phase("sick update rolled back");
      // Scale-down: the two removed replicas stop cleanly.
      Map<String, CompletableFuture<String>> stopping = new HashMap<>();
      afterRollbacks.forEach(c -> stopping.put(c, howItWillStop(c)));
      Docker.ok("service", "scale", "--detach", service + "=1");
      awaitTasks("1 replica", () -> healthy().size() == 1);
      List<String> scaledAway =
          afterRollbacks.stream()
              .filter(c -> !healthy().contains(c))
              .map(c -> stopping.get(c).join())
              .toList();

      phase("scaled down");
      assertEquals(List.of(), findings, "hardening of the stack's containers");
      assertEveryWindowHas(3, updateStart, updateEnd);
      // A rollback may stop a healthy replica before its twin starts (moby/moby#43081).
      assertEveryWindowHas(2, badStart, badEnd);
      assertFalse(exited78.isBlank(), "no task exited 78");
      assertEquals(3, afterRollbacks.size(), "replicas after the rollbacks");
      assertEquals(List.of(renamed, renamed, renamed), imagesAfterRollbacks, "rolled back to");
      assertEquals(
          List.of(CLEAN, CLEAN, CLEAN),
          updatedAway.stream().map(CompletableFuture::join).toList(),
          "replicas replaced by the update");
      assertEquals(List.of(CLEAN, CLEAN), scaledAway, "replicas removed by the scale-down");
    }
  }

  private final long started = System.nanoTime();

  private void phase(String what) {
    System.out.printf("SwarmIT +%.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
  }

  private String natsPortFile() {
    // Host mode: a dnsrr service cannot be published through the ingress. Test-only: the shipped
    // file publishes nothing under Swarm.
    return """
        services:
          nats:
            ports:
              - {target: 4222, published: %d, mode: host}
        """
        .formatted(natsPort);
  }

  private String build(String suffix, String dockerfile) throws IOException {
    String tag = "market-data-service:swarm-it-" + id + "-" + suffix;
    Path context = Files.createDirectory(dir.resolve(suffix));
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    builtTags.add(tag);
    Docker.ok("build", "-q", "-t", tag, context.toString());
    return tag;
  }

  private Docker.Result deploy(Map<String, String> extra, Path ports) {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_IMAGE_TAG", ContainerSupport.property("imageVersion"));
    env.put("MDS_REPLICAS", "3");
    env.put("HEALTHCHECK_INTERVAL", "500ms");
    // Failed checks count only after the start period: 20 s made a never-healthy rollback 24 s.
    env.put("HEALTHCHECK_START_PERIOD", "1s");
    env.put("HEARTBEAT_INTERVAL", HEARTBEAT.toMillis() + "ms");
    env.putAll(extra);
    return Docker.exec(
        Duration.ofMinutes(2),
        ContainerSupport.repositoryRoot(),
        env,
        List.of("bash", "scripts/stack-deploy.sh", stack, "-c", ports.toString()));
  }

  private Connection subscribe() throws Exception {
    Connection[] connection = new Connection[1];
    await("NATS of the stack answering on " + natsPort)
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              connection[0] = Nats.connect("nats://127.0.0.1:" + natsPort);
              return true;
            });
    Dispatcher dispatcher =
        connection[0].createDispatcher(
            message -> {
              try {
                String serviceId = JSON.readTree(message.getData()).get("serviceId").asText();
                beats.add(new Beat(Instant.now(), serviceId));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    dispatcher.subscribe("marketdata.heartbeat.>");
    connection[0].flush(Duration.ofSeconds(5));
    return connection[0];
  }

  private long idsSince(int seconds) {
    Instant since = Instant.now().minusSeconds(seconds);
    return beats.stream()
        .filter(b -> b.at().isAfter(since))
        .map(Beat::serviceId)
        .distinct()
        .count();
  }

  private void assertEveryWindowHas(int replicas, Instant start, Instant end) {
    List<String> thin = new ArrayList<>();
    for (Instant from = start; from.plus(WINDOW).isBefore(end); from = from.plus(WINDOW)) {
      Instant windowStart = from;
      Instant windowEnd = from.plus(WINDOW);
      Set<String> ids = new TreeSet<>();
      beats.stream()
          .filter(b -> !b.at().isBefore(windowStart) && b.at().isBefore(windowEnd))
          .forEach(b -> ids.add(b.serviceId()));
      if (ids.size() < replicas) {
        thin.add(windowStart + ": " + ids);
      }
    }
    assertEquals(
        List.of(),
        thin,
        "windows with fewer than "
            + replicas
            + " replicas beating; the replicas:\n"
            + replicaHistory());
  }

  /** Waits for an update to be rolled back by Swarm itself, from the moment it is started. */
  private void rolledBack(String... update) {
    String before =
        Docker.ok("service", "inspect", "--format", "{{.UpdateStatus.StartedAt}}", service);
    List<String> args = new ArrayList<>(List.of("service", "update", "--detach"));
    args.addAll(List.of(update));
    Docker.ok(args.toArray(String[]::new));
    await("rollback of " + String.join(" ", update))
        .atMost(ROLLOUT_WITHIN)
        .until(
            () ->
                !Docker.ok("service", "inspect", "--format", "{{.UpdateStatus.StartedAt}}", service)
                        .equals(before)
                    && Docker.ok(
                            "service", "inspect", "--format", "{{.UpdateStatus.State}}", service)
                        .strip()
                        .equals("rollback_completed"));
    awaitTasks("3 healthy after the rollback", () -> healthy().size() == 3);
  }

  /** Awaits a state of the service's tasks; on timeout, says what Swarm made of them. */
  private void awaitTasks(String alias, Callable<Boolean> condition) {
    try {
      await(alias).atMost(ROLLOUT_WITHIN).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          alias
              + " not within "
              + ROLLOUT_WITHIN
              + "; the tasks:\n"
              + Docker.run("service", "ps", "--no-trunc", service).stdout(),
          e);
    }
  }

  /** Each replica's container: when it started and finished, and how. */
  private String replicaHistory() {
    String all =
        Docker.ok("ps", "-aq", "--filter", "label=com.docker.swarm.service.name=" + service);
    return all.isBlank()
        ? "(none)"
        : Docker.run(
                Stream.concat(
                        Stream.of(
                            "inspect",
                            "--format",
                            "{{printf \"%.12s\" .Id}} {{.Config.Image}} started {{.State.StartedAt}}"
                                + " finished {{.State.FinishedAt}} exit {{.State.ExitCode}}"),
                        all.lines())
                    .toArray(String[]::new))
            .stdout();
  }

  private List<String> healthy() {
    return Docker.ok(
            "ps",
            "-q",
            "--no-trunc",
            "--filter",
            "label=com.docker.swarm.service.name=" + service,
            "--filter",
            "health=healthy")
        .lines()
        .filter(line -> !line.isBlank())
        .toList();
  }

  private static boolean running(String container) {
    return ContainerSupport.inspect(container, "{{.State.Running}}").equals("true");
  }

  private static String imageOf(String container) {
    return ContainerSupport.inspect(container, "{{.Config.Image}}").replaceFirst("@.*", "");
  }

  private static final String CLEAN = "exit 0 after its stopped line";

  /**
   * How a replica will end, {@link #CLEAN} or its exit code and last line, watched from now on:
   * Swarm may delete a stopped replica's container at once.
   */
  private static CompletableFuture<String> howItWillStop(String container) {
    CompletableFuture<Docker.Result> exit = watch("wait", container);
    CompletableFuture<Docker.Result> logs = watch("logs", "-f", container);
    return exit.thenCombine(
        logs,
        (code, output) -> {
          String last = output.stdout().lines().reduce("(no output)", (a, b) -> b);
          return code.out().equals("0") && last.contains("\"message\":\"stopped\"")
              ? CLEAN
              : "exit " + code.out() + ", last line " + last;
        });
  }

  private static CompletableFuture<Docker.Result> watch(String... args) {
    return CompletableFuture.supplyAsync(
        () -> Docker.run(ROLLOUT_WITHIN.multipliedBy(2), null, List.of(args)),
        task -> Thread.ofPlatform().daemon().start(task));
  }
}
