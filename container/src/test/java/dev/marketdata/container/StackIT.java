package dev.marketdata.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapters.testsupport.Http;
import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.adapters.testsupport.Waits;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's docker-compose.yml as a user runs it: with whichever compose CLI the machine has
 * ({@code docker compose}, else {@code docker-compose}), under a project name of its own, removed
 * even when a test fails.
 */
// Proves AC1, a graceful SIGTERM of every replica: see docs/acceptance.md.
class StackIT {

  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

  /** Twice and more the worst seen on a loaded 2-core CI machine (1.4 s); the figure is a bound. */
  private static final Duration READY_AGAIN_WITHIN = Duration.ofSeconds(10);

  private static final String SERVICE = "market-data-service";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALERT_RULES = "deploy/prometheus/alerts.yml";
  private static final String PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml";
  private static final String NATS_ALERT = "MarketDataNatsDisconnected";
  private static final Pattern CONNECTED_SERVER =
      Pattern.compile("\"natsEvent\":\"(?:CONNECTED|RECONNECTED)\",\"server\":\"nats://([^:\"]+)");

  private final String project = "mds-stack-" + UUID.randomUUID().toString().substring(0, 8);

  /** Ten host ports from a free one on: the replicas take the first free ones of the range. */
  private final int healthFrom = Math.min(NatsServer.freePort(), 65535 - 9);

  private final String healthPorts = healthFrom + "-" + (healthFrom + 9);

  private final List<Integer> natsPorts = List.of(fixedPort(), fixedPort(), fixedPort());
  private final int natsMonitorPort = fixedPort();

  private final Map<String, String> env = new HashMap<>();
  private List<String> profile = List.of();
  // As `docker-compose` reads them without -f.
  private List<String> files = List.of("docker-compose.yml", "docker-compose.override.yml");

  private static List<String> composeCli() {
    if (Docker.run("compose", "version").exitCode() == 0) {
      return List.of("docker", "compose");
    }
    List<String> v1 = List.of("docker-compose", "version");
    if (Docker.exec(Duration.ofSeconds(30), null, Map.of(), v1).exitCode() == 0) {
      return List.of("docker-compose");
    }
    throw new AssertionError(
        "no compose CLI: install the Compose v2 plugin or Debian's docker-compose");
  }

  private Docker.Result compose(String... args) {
    List<String> command = new ArrayList<>(composeCli());
    command.addAll(List.of("-p", project));
    for (String file : files) {
      command.addAll(List.of("-f", ContainerSupport.repositoryRoot().resolve(file).toString()));
    }
    command.addAll(profile);
    command.addAll(List.of(args));
    return Docker.exec(Duration.ofMinutes(3), null, composeEnv(), command);
  }

  private Map<String, String> composeEnv() {
    Map<String, String> all = new HashMap<>(env);
    all.put("NATS_MONITOR_PORT", Integer.toString(natsMonitorPort));
    all.put("NATS_PORT", Integer.toString(natsPorts.get(0)));
    all.put("NATS_2_PORT", Integer.toString(natsPorts.get(1)));
    all.put("NATS_3_PORT", Integer.toString(natsPorts.get(2)));
    all.put("HEALTH_HOST_PORTS", healthPorts);
    all.put("MDS_IMAGE_TAG", ContainerSupport.property("imageVersion"));
    all.put("HEARTBEAT_INTERVAL", "500ms");
    // The first health check runs one interval after the start: 1 s, not the image's 10 s.
    all.put("HEALTHCHECK_INTERVAL", "1s");
    return all;
  }

  private String composeOk(String... args) {
    Docker.Result result = compose(args);
    assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result);
    return result.out();
  }

  /**
   * The service's containers, by the labels Compose gives them: one docker-compose call takes
   * seconds.
   */
  private List<String> containers(String service) {
    return byLabel("label=com.docker.compose.service=" + service);
  }

  /** {@code docker stop} or {@code start} of a service's containers, as docker-compose would. */
  private void docker(String command, String service) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(containers(service));
    Docker.ok(args.toArray(String[]::new));
  }

  private List<String> byLabel(String... filters) {
    List<String> args = new ArrayList<>(List.of("ps", "-a", "-q", "--filter"));
    args.add("label=com.docker.compose.project=" + project);
    for (String filter : filters) {
      args.addAll(List.of("--filter", filter));
    }
    return Docker.ok(args.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
  }

  private void awaitHealthy(int replicas) {
    Waits.until(
        HEALTHY_WITHIN,
        replicas + " healthy replicas",
        () -> {
          List<String> ids = containers(SERVICE);
          return ids.size() == replicas
              && ids.stream().allMatch(id -> "healthy".equals(ContainerSupport.health(id)));
        },
        () -> "\n" + compose("ps").out());
  }

  /** The image's own HEALTHCHECK command, run inside the container: exit 0 means ready. */
  private static boolean ready(String container) {
    String test =
        Docker.ok("inspect", "-f", "{{json .Config.Healthcheck.Test}}", ContainerSupport.image());
    List<String> probe = new ArrayList<>(List.of("exec", container));
    List<String> command;
    try {
      command = List.of(JSON.readValue(test, String[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    probe.addAll(command.subList(1, command.size())); // drop the leading "CMD"
    return Docker.run(probe.toArray(String[]::new)).exitCode() == 0;
  }

  /** Every container of the project, NATS and Prometheus included, passes docs/security.md. */
  private void assertHardened() {
    List<String> all = byLabel();
    assertEquals(List.of(), HardeningCheck.findings(all, Set.of()), "hardening of " + all);
  }

  /**
   * A free host port for a fixed binding, outside the replicas' range: a replica may take any port
   * of it first (a Prometheus port inside it once failed with "port is already allocated").
   */
  private int fixedPort() {
    int port = NatsServer.freePort();
    while (port >= healthFrom && port <= healthFrom + 9) {
      port = NatsServer.freePort();
    }
    return port;
  }

  @AfterEach
  void removeTheStack() {
    Docker.run("rm", "-f", project + "-watch");
    Docker.Result down = compose("down", "--volumes", "--remove-orphans", "--timeout", "10");
    assertEquals(0, down.exitCode(), "could not remove stack " + project + ": " + down);
  }

  // The TLS override with the certificates of scripts/make-dev-tls.sh: NATS requires the
  // service's client certificate, and the service verifies NATS' against the dev CA.
  @Test
  void theTlsOverrideRunsTheStackOverMutualTls(@TempDir Path certs) throws IOException {
    // JUnit makes it 0700: the containers' users must be able to enter the mounted directory.
    Files.setPosixFilePermissions(certs, PosixFilePermissions.fromString("rwxr-xr-x"));
    Docker.Result made =
        Docker.exec(
            Duration.ofMinutes(1),
            ContainerSupport.repositoryRoot(),
            Map.of("PATH", System.getenv("PATH")),
            List.of("bash", "scripts/make-dev-tls.sh", certs.toString()));
    assertEquals(0, made.exitCode(), made.toString());
    files =
        List.of(
            "docker-compose.yml",
            "docker-compose.override.yml",
            "deploy/tls/docker-compose.tls.yml");
    env.put("TLS_CERTS_DIR", certs.toString());

    composeOk("up", "-d");
    awaitHealthy(1);
    assertHardened();

    String logs = Docker.ok("logs", containers(SERVICE).getFirst());
    assertTrue(logs.contains("\"natsEvent\":\"CONNECTED\""), logs);
    assertFalse(logs.contains("TLS_FAILED"), logs);
  }

  // Compose's production pattern: the base file alone, scaled, says nothing it ignores.
  @Test
  void theBaseFileAloneRunsThreeHealthyHardenedReplicasWithoutAWarning() {
    files = List.of("docker-compose.yml");

    Docker.Result up = compose("up", "-d", "--scale", SERVICE + "=3");

    assertEquals(0, up.exitCode(), up.toString());
    for (String noise : List.of("WARN", "ignored", "not supported", "clash")) {
      assertFalse(up.toString().contains(noise), up.toString());
    }
    awaitHealthy(3);
    assertHardened();
  }

  @Test
  void inTheClusterProfileStoppingANodeLeavesEveryReplicaReadyWithin10sAndBeating()
      throws Exception {
    profile = List.of("--profile", "cluster");
    env.put("NATS_URL", "nats://nats:4222,nats://nats-2:4222,nats://nats-3:4222");
    composeOk("up", "-d", "--scale", SERVICE + "=3");
    awaitHealthy(3);
    assertHardened();
    List<String> replicas = containers(SERVICE);
    // The node the first replica uses: stopping it forces at least that replica to fail over.
    String node = connectedNode(replicas.getFirst());

    docker("stop", node);
    long stopped = System.nanoTime();
    await("every replica ready after " + node + " stopped")
        .atMost(Duration.ofSeconds(30))
        .until(() -> replicas.stream().allMatch(StackIT::ready));
    Duration readyAgain = Duration.ofNanos(System.nanoTime() - stopped);
    System.out.printf("all replicas ready %d ms after stopping %s%n", readyAgain.toMillis(), node);
    Set<String> beatingAfterwards = heartbeatSenders(natsPorts, 3);

    assertTrue(readyAgain.compareTo(READY_AGAIN_WITHIN) <= 0, "ready again after " + readyAgain);
    assertNotEquals(node, connectedNode(replicas.getFirst()), "still on the stopped node");
    assertEquals(
        3, beatingAfterwards.size(), "replicas heard after the stop: " + beatingAfterwards);
  }

  /**
   * One stack for both, to save a start: three identities, their scrape, an alert, a clean stop.
   */
  @Test
  void threeReplicasAreScrapedAlertedOnAndStopWithExitZero() throws Exception {
    profile = List.of("--profile", "observability");
    int prometheusPort = fixedPort();
    int alertmanagerPort = fixedPort();
    env.put("PROMETHEUS_PORT", Integer.toString(prometheusPort));
    env.put("ALERTMANAGER_PORT", Integer.toString(alertmanagerPort));
    // The shipped rules with every minute's wait cut to 5 s, and the shipped configuration scraping
    // and evaluating every second instead of every 5 s.
    Path rules = quicker(ALERT_RULES, "for: 30s", "for: 5s", "for: 1m", "for: 5s");
    Path config = quicker(PROMETHEUS_CONFIG, ": 5s", ": 1s");
    env.put("ALERT_RULES", rules.toString());
    env.put("PROMETHEUS_CONFIG", config.toString());
    try {
      composeOk("up", "-d", "--scale", SERVICE + "=3");
      awaitHealthy(3);
      assertHardened();
      Set<String> serviceIds = heartbeatSenders(List.of(natsPorts.get(0)), 3);
      List<String> replicas = containers(SERVICE);
      List<Integer> readyFromHost = readyFromTheHost(3);
      List<String> watched = watchedReplicas(3);
      Waits.until(
          Duration.ofSeconds(60),
          "3 targets up",
          () -> targetsUp(prometheusPort) == 3,
          () -> prometheus(prometheusPort, "/api/v1/targets"));

      docker("stop", "nats");
      String pending = awaitAlertState(prometheusPort, "pending");
      String firing = awaitAlertState(prometheusPort, "firing");
      JsonNode pages = awaitOnePageWithItsConsequencesInhibited(alertmanagerPort, serviceIds);
      docker("start", "nats");
      String resolved = awaitAlertState(prometheusPort, "");
      List<String> runbookFailures =
          runbookFailures(
              Map.of(9090, prometheusPort, 9093, alertmanagerPort, 8222, natsMonitorPort));
      composeOk("stop");

      assertEquals(3, serviceIds.size(), "distinct serviceIds on the bus: " + serviceIds);
      assertEquals(3, Set.copyOf(readyFromHost).size(), "health ports " + readyFromHost);
      assertEquals(3, watched.size(), String.join("\n", watched));
      assertTrue(pending.contains("\"state\":\"pending\""), pending);
      assertTrue(firing.contains("\"state\":\"firing\""), firing);
      assertTrue(!resolved.contains(NATS_ALERT), resolved);
      assertEquals(1, pages.size(), pages.toString());
      assertEquals(NATS_ALERT, pages.get(0).at("/labels/alertname").asText(), pages.toString());
      assertEquals(List.of(), runbookFailures, "runbook commands that failed or printed nothing");
      for (String id : replicas) {
        assertEquals(
            "0", ContainerSupport.inspect(id, "{{.State.ExitCode}}"), "exit code of " + id);
        List<String> lines = Docker.run("logs", id).stdout().lines().toList();
        assertEquals("stopped", JSON.readTree(lines.getLast()).get("message").asText());
      }
    } finally {
      Files.deleteIfExists(rules);
      Files.deleteIfExists(config);
    }
  }

  /**
   * Issue 36: every command of docs/runbook.md as an operator pastes it into a shell set up for
   * this stack (COMPOSE_PROJECT_NAME, COMPOSE_FILE, COMPOSE_PROFILES), only the host ports this
   * test published in place of the runbook's.
   *
   * @return the commands that failed or printed nothing, with what they said
   */
  private List<String> runbookFailures(Map<Integer, Integer> ports) throws IOException {
    Path root = ContainerSupport.repositoryRoot();
    Map<String, String> shell = composeEnv();
    shell.put("COMPOSE_PROJECT_NAME", project);
    shell.put(
        "COMPOSE_FILE",
        String.join(":", files.stream().map(f -> root.resolve(f).toString()).toList()));
    shell.put("COMPOSE_PROFILES", profile.getLast());
    String cli = String.join(" ", composeCli()) + " ";
    Matcher blocks =
        Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(root.resolve("docs/runbook.md")));
    List<String> failures = new ArrayList<>();
    while (blocks.find()) {
      for (String printed : blocks.group(1).lines().toList()) {
        String command = printed.replace("docker-compose ", cli);
        for (var port : ports.entrySet()) {
          command =
              command.replace(
                  "127.0.0.1:" + port.getKey() + "/", "127.0.0.1:" + port.getValue() + "/");
        }
        Docker.Result result =
            Docker.exec(Duration.ofMinutes(1), root, shell, List.of("bash", "-c", command));
        if (result.exitCode() != 0 || result.out().isEmpty()) {
          failures.add(printed + " -> " + result);
        }
      }
    }
    return failures;
  }

  /**
   * A readable copy of a shipped file with {@code from} replaced by {@code to}, which must occur.
   */
  private static Path quicker(String shipped, String... fromTo) throws IOException {
    String quick = Files.readString(ContainerSupport.repositoryRoot().resolve(shipped));
    for (int i = 0; i < fromTo.length; i += 2) {
      String text = quick;
      quick = text.replace(fromTo[i], fromTo[i + 1]);
      assertNotEquals(text, quick, shipped + " has no '" + fromTo[i] + "'");
    }
    Path copy = Files.createTempFile("mds-prometheus-", ".yml");
    Files.writeString(copy, quick);
    copy.toFile().setReadable(true, false);
    return copy;
  }

  /**
   * Issue 24: each replica's health from the host, on the port Compose published for it.
   *
   * @return the host ports that answered ready
   */
  private List<Integer> readyFromTheHost(int replicas) {
    List<Integer> ports = new ArrayList<>();
    for (int index = 1; index <= replicas; index++) {
      // What `docker-compose port --index=N` reads, without its seconds of start-up.
      String replica =
          byLabel(
                  "label=com.docker.compose.service=" + SERVICE,
                  "label=com.docker.compose.container-number=" + index)
              .getFirst();
      String published = Docker.ok("port", replica, "8080").lines().findFirst().orElseThrow();
      int port = Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
      assertEquals(200, Http.status(port, "/health/ready"), "replica " + index + " on " + port);
      ports.add(port);
    }
    return ports;
  }

  /**
   * Issue 24: the README's {@code docker-compose run --rm watch}, detached here to read its lines;
   * it must show every replica ready, and stop with exit 0.
   *
   * @return its replica lines
   */
  private List<String> watchedReplicas(int replicas) {
    String watch = project + "-watch";
    composeOk("run", "-d", "-T", "--name", watch, "watch");
    List<String> lines = new ArrayList<>();
    Waits.until(
        Duration.ofSeconds(30),
        replicas + " replicas in the watch",
        () -> {
          lines.clear();
          Docker.run("logs", watch)
              .stdout()
              .lines()
              .filter(l -> l.contains(" READY "))
              .forEach(lines::add);
          return lines.size() == replicas;
        },
        () -> Docker.run("logs", watch).toString());
    Docker.ok("stop", "-t", "10", watch);
    assertEquals("0", ContainerSupport.inspect(watch, "{{.State.ExitCode}}"), "exit of the watch");
    return List.copyOf(lines);
  }

  /** A Prometheus API answer; empty while Prometheus does not answer yet. */
  private static String prometheus(int port, String path) {
    return Http.status(port, "/-/ready") == 200
        ? Http.get(port, path, "application/json").body()
        : "{}";
  }

  private static int targetsUp(int prometheusPort) throws IOException {
    JsonNode targets =
        JSON.readTree(prometheus(prometheusPort, "/api/v1/targets")).at("/data/activeTargets");
    int up = 0;
    for (JsonNode target : targets) {
      if ("up".equals(target.get("health").asText())) {
        up++;
      }
    }
    return up;
  }

  /** Waits for the NATS alert to reach a state ("" for none), through Prometheus' HTTP API. */
  private static String awaitAlertState(int prometheusPort, String state) {
    String[] last = {""};
    Waits.until(
        Duration.ofSeconds(90),
        NATS_ALERT + " " + (state.isEmpty() ? "resolved" : state),
        () -> {
          last[0] = prometheus(prometheusPort, "/api/v1/alerts");
          if (!last[0].contains("\"status\":\"success\"")) {
            return false;
          }
          JsonNode alerts = JSON.readTree(last[0]).at("/data/alerts");
          boolean found = false;
          for (JsonNode alert : alerts) {
            if (NATS_ALERT.equals(alert.at("/labels/alertname").asText())) {
              found = found || state.equals(alert.get("state").asText());
              if (state.isEmpty()) {
                return false;
              }
            }
          }
          return state.isEmpty() || found;
        },
        () -> last[0]);
    return last[0];
  }

  /**
   * Alertmanager's groups that would notify (not inhibited or silenced), once it holds the NATS
   * alert of every replica, named by its serviceId, and a heartbeat alert it inhibits.
   */
  private static JsonNode awaitOnePageWithItsConsequencesInhibited(int port, Set<String> serviceIds)
      throws IOException {
    String[] last = {"", ""};
    Waits.until(
        Duration.ofSeconds(90),
        "the NATS alert of each replica in Alertmanager, a heartbeat alert inhibited",
        () -> {
          last[0] = alertmanager(port, "/api/v2/alerts?active=true&inhibited=true");
          Set<String> named = new HashSet<>();
          boolean inhibited = false;
          for (JsonNode alert : JSON.readTree(last[0])) {
            String name = alert.at("/labels/alertname").asText();
            if (name.equals(NATS_ALERT)) {
              named.add(alert.at("/labels/service_id").asText());
            }
            inhibited |=
                name.matches("MarketData(NoHeartbeat|HeartbeatsDropped)")
                    && alert.at("/status/inhibitedBy").size() > 0;
          }
          return named.equals(serviceIds) && inhibited;
        },
        () -> last[0]);
    last[1] =
        alertmanager(port, "/api/v2/alerts/groups?active=true&inhibited=false&silenced=false");
    return JSON.readTree(last[1]);
  }

  private static String alertmanager(int port, String path) {
    return Http.status(port, "/-/ready") == 200
        ? Http.get(port, path, "application/json").body()
        : "[]";
  }

  /** The serviceIds heard on the bus within 15 s, through whichever of the ports answers. */
  private static Set<String> heartbeatSenders(List<Integer> ports, int expected) throws Exception {
    Options options =
        new Options.Builder()
            .servers(ports.stream().map(port -> "nats://127.0.0.1:" + port).toArray(String[]::new))
            .ignoreDiscoveredServers() // they advertise names that resolve only inside the stack
            .build();
    Set<String> serviceIds = new TreeSet<>();
    try (Connection bus = Nats.connect(options)) {
      Subscription heartbeats = bus.subscribe("marketdata.heartbeat.>");
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (serviceIds.size() < expected && System.nanoTime() < deadline) {
        Message heartbeat = heartbeats.nextMessage(Duration.ofSeconds(1));
        if (heartbeat != null) {
          serviceIds.add(JSON.readTree(heartbeat.getData()).get("serviceId").asText());
        }
      }
    }
    return serviceIds;
  }

  /** The NATS node the service reported connecting to last. */
  private static String connectedNode(String container) {
    Matcher matcher = CONNECTED_SERVER.matcher(Docker.run("logs", container).stdout());
    String node = null;
    while (matcher.find()) {
      node = matcher.group(1);
    }
    assertTrue(node != null, "the service never reported a NATS connection");
    return node;
  }
}
