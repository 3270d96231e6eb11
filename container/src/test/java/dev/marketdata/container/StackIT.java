package dev.marketdata.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose files alone, with the TLS override, and in the cluster profile. */
class StackIT extends ComposeStack {

  /** Twice and more the worst seen on a loaded 2-core CI machine (1.4 s); the figure is a bound. */
  private static final Duration READY_AGAIN_WITHIN = Duration.ofSeconds(10);

  private static final Pattern CONNECTED_SERVER =
      Pattern.compile("\"natsEvent\":\"(?:CONNECTED|RECONNECTED)\",\"server\":\"nats://([^:\"]+)");

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
