package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.adapters.testsupport.Http;
import dev.marketdata.adapters.testsupport.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The observability profile: scrapes, one page per outage, the runbook, the watch, exit 0. */
// Proves AC1, a graceful SIGTERM of every replica: see docs/acceptance.md.
class ObservabilityIT extends ComposeStack {

  private static final String ALERT_RULES = "deploy/prometheus/alerts.yml";
  private static final String PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml";
  private static final String NATS_ALERT = "MarketDataNatsDisconnected";

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
}
