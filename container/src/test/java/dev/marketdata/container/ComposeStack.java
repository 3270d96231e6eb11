package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.adapters.testsupport.Waits;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The repository's docker-compose.yml as a user runs it: with whichever compose CLI the machine has
 * ({@code docker compose}, else {@code docker-compose}), under a project name of its own, removed
 * even when a test fails.
 */
abstract class ComposeStack {

  static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

  static final String SERVICE = "market-data-service";
  static final ObjectMapper JSON = new ObjectMapper();

  final String project = "mds-stack-" + UUID.randomUUID().toString().substring(0, 8);

  /** Ten host ports from a free one on: the replicas take the first free ones of the range. */
  final int healthFrom = Math.min(NatsServer.freePort(), 65535 - 9);

  final String healthPorts = healthFrom + "-" + (healthFrom + 9);

  final List<Integer> natsPorts = List.of(fixedPort(), fixedPort(), fixedPort());
  final int natsMonitorPort = fixedPort();

  final Map<String, String> env = new HashMap<>();
  List<String> profile = List.of();
  // As `docker-compose` reads them without -f.
  List<String> files = List.of("docker-compose.yml", "docker-compose.override.yml");

  static List<String> composeCli() {
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

  Docker.Result compose(String... args) {
    List<String> command = new ArrayList<>(composeCli());
    command.addAll(List.of("-p", project));
    for (String file : files) {
      command.addAll(List.of("-f", ContainerSupport.repositoryRoot().resolve(file).toString()));
    }
    command.addAll(profile);
    command.addAll(List.of(args));
    return Docker.exec(Duration.ofMinutes(3), null, composeEnv(), command);
  }

  Map<String, String> composeEnv() {
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

  String composeOk(String... args) {
    Docker.Result result = compose(args);
    assertEquals(0, result.exitCode(), String.join(" ", args) + ": " + result);
    return result.out();
  }

  /**
   * The service's containers, by the labels Compose gives them: one docker-compose call takes
   * seconds.
   */
  List<String> containers(String service) {
    return byLabel("label=com.docker.compose.service=" + service);
  }

  /** {@code docker stop} or {@code start} of a service's containers, as docker-compose would. */
  void docker(String command, String service) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(containers(service));
    Docker.ok(args.toArray(String[]::new));
  }

  List<String> byLabel(String... filters) {
    List<String> args = new ArrayList<>(List.of("ps", "-a", "-q", "--filter"));
    args.add("label=com.docker.compose.project=" + project);
    for (String filter : filters) {
      args.addAll(List.of("--filter", filter));
    }
    return Docker.ok(args.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
  }

  void awaitHealthy(int replicas) {
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
  static boolean ready(String container) {
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
  void assertHardened() {
    List<String> all = byLabel();
    assertEquals(List.of(), HardeningCheck.findings(all, Set.of()), "hardening of " + all);
  }

  /**
   * A free host port for a fixed binding, outside the replicas' range: a replica may take any port
   * of it first (a Prometheus port inside it once failed with "port is already allocated").
   */
  int fixedPort() {
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

  /** The serviceIds heard on the bus within 15 s, through whichever of the ports answers. */
  static Set<String> heartbeatSenders(List<Integer> ports, int expected) throws Exception {
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
}
