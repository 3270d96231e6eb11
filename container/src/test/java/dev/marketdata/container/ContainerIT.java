package dev.marketdata.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapters.testsupport.Http;
import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.adapters.testsupport.PrometheusExposition;
import dev.marketdata.adapters.testsupport.TestPki;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running container, with NATS reachable, unreachable, hardened and memory-limited. */
// Proves AC1, the running image (healthy, JSON logs, SIGTERM): docs/acceptance.md.
class ContainerIT {

  /** The image's user: distroless' nonroot. */
  private static final int IMAGE_UID = 65532;

  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> logLines(String container) {
    Docker.Result logs = Docker.run("logs", container);
    assertEquals("", logs.stderr(), "the service wrote to stderr");
    return logs.stdout().lines().toList();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("log line is not JSON: " + line, e);
    }
  }

  /** docker stop, timed; returns the elapsed time after asserting exit code 0. */
  private static Duration stopCleanly(String container) {
    long start = System.nanoTime();
    Docker.ok("stop", container);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("docker stop took %d ms%n", took.toMillis());
    assertEquals("0", ContainerSupport.inspect(container, "{{.State.ExitCode}}"));
    assertTrue(took.compareTo(ContainerSupport.DOCKER_STOP_GRACE) < 0, "docker stop took " + took);
    List<String> lines = logLines(container);
    assertEquals("stopped", parse(lines.getLast()).get("message").asText(), lines.getLast());
    return took;
  }

  private static int readiness(int port) {
    return Http.status(port, "/health/ready");
  }

  // With NATS reachable it becomes healthy through its own HEALTHCHECK, logs JSON lines
  // only, its heartbeat arrives on NATS, and docker stop ends it with exit 0 well within the 10 s
  // grace, final line present.
  @Test
  void becomesHealthyLogsJsonPublishesHeartbeatsAndStopsWithExitZero() throws Exception {
    int healthPort = NatsServer.freePort();
    try (NatsServer nats = NatsServer.start();
        Connection subscriber = Nats.connect(nats.url())) {
      Subscription heartbeats = subscriber.subscribe("marketdata.heartbeat.>");
      subscriber.flush(Duration.ofSeconds(5));
      String container =
          ContainerSupport.startContainer(
              List.of(),
              "NATS_URL=" + nats.url(),
              "HEALTH_PORT=" + healthPort,
              // Not a wildcard: the HEALTHCHECK must ask this address.
              "HEALTH_BIND=127.0.0.1",
              "HEARTBEAT_INTERVAL=500ms",
              "NATS_CLIENT_ID=md-container");
      try {
        // Its own HEALTHCHECK must report it healthy.
        await("healthy")
            .atMost(HEALTHY_WITHIN)
            .until(() -> "healthy".equals(ContainerSupport.health(container)));

        Message heartbeat = heartbeats.nextMessage(Duration.ofSeconds(10));
        assertNotNull(heartbeat, "no heartbeat from the container");
        assertEquals("marketdata.heartbeat.local.md-container", heartbeat.getSubject());
        assertEquals("READY", JSON.readTree(heartbeat.getData()).get("state").asText());
        Map<String, Double> metrics =
            PrometheusExposition.samples(Http.get(healthPort, "/metrics", "text/plain").body());
        assertEquals(1.0, metrics.get("marketdata_nats_connected"), metrics.toString());
        assertEquals(1.0, metrics.get("marketdata_nats_connects_total"), metrics.toString());

        stopCleanly(container);
        for (String line : logLines(container)) {
          assertTrue(parse(line).isObject(), "not a JSON object: " + line);
        }
      } finally {
        ContainerSupport.remove(container);
      }
    }
  }

  // With NATS unreachable it stays running and reports unhealthy / not-ready; it does
  // not crash.
  @Test
  void staysRunningAndUnhealthyWhileNatsIsUnreachable() {
    int healthPort = NatsServer.freePort();
    String container =
        ContainerSupport.startContainer(
            List.of("--health-start-period", "1s", "--health-retries", "2"),
            "NATS_URL=nats://127.0.0.1:" + NatsServer.freePort(),
            "HEALTH_PORT=" + healthPort);
    try {
      await("unhealthy")
          .atMost(HEALTHY_WITHIN)
          .until(() -> "unhealthy".equals(ContainerSupport.health(container)));

      assertEquals("running", ContainerSupport.inspect(container, "{{.State.Status}}"));
      assertEquals("0", ContainerSupport.inspect(container, "{{.RestartCount}}"));
      assertEquals(503, readiness(healthPort));
      stopCleanly(container);
    } finally {
      ContainerSupport.remove(container);
    }
  }

  /** A rolling update or scale-down may stop a replica that is still starting: cleanly. */
  @Test
  void aStopWhileStartingExitsZeroWithItsFinalLine() {
    String container =
        ContainerSupport.startContainer(
            List.of(),
            "NATS_URL=nats://127.0.0.1:" + NatsServer.freePort(),
            "HEALTH_PORT=" + NatsServer.freePort());
    try {
      await("the first line").atMost(HEALTHY_WITHIN).until(() -> !logLines(container).isEmpty());

      stopCleanly(container);
    } finally {
      ContainerSupport.remove(container);
    }
  }

  /** The documented memory floor: the README's hardened run sets these limits. */
  private static final List<String> DOCUMENTED_LIMITS = readmeLimits();

  /** The limit flags of the README's {@code docker run}: what users copy is what is tested. */
  private static List<String> readmeLimits() {
    try {
      String readme = Files.readString(ContainerSupport.repositoryRoot().resolve("README.md"));
      Matcher flags =
          Pattern.compile("(--memory|--memory-swap|--cpus|--pids-limit) (\\S+)").matcher(readme);
      List<String> limits = new ArrayList<>();
      while (flags.find()) {
        limits.addAll(List.of(flags.group(1), flags.group(2)));
      }
      assertEquals(8, limits.size(), "the README's docker run limits: " + limits);
      return limits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void staysUpAndHealthyAtTheReadmesLimitsUnderSustainedHealthLoad() throws Exception {
    int healthPort = NatsServer.freePort();
    try (NatsServer nats = NatsServer.start()) {
      String container =
          ContainerSupport.startContainer(
              DOCUMENTED_LIMITS, "NATS_URL=" + nats.url(), "HEALTH_PORT=" + healthPort);
      try {
        await("healthy")
            .atMost(HEALTHY_WITHIN)
            .until(() -> "healthy".equals(ContainerSupport.health(container)));

        int failed = hammer(healthPort, 4, 5_000);

        assertEquals(0, failed, "health requests that failed under load");
        assertEquals("false", ContainerSupport.inspect(container, "{{.State.OOMKilled}}"));
        assertEquals("running", ContainerSupport.inspect(container, "{{.State.Status}}"));
        await("healthy after the load")
            .atMost(HEALTHY_WITHIN)
            .until(() -> "healthy".equals(ContainerSupport.health(container)));
        stopCleanly(container);
      } finally {
        ContainerSupport.remove(container);
      }
    }
  }

  /** {@code workers} keep-alive clients, {@code each} requests apiece; returns the failures. */
  private static int hammer(int port, int workers, int each) throws InterruptedException {
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (HttpClient client = HttpClient.newHttpClient()) {
                      HttpRequest live =
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + port + "/health/live"))
                              .timeout(Duration.ofSeconds(5))
                              .build();
                      for (int i = 0; i < each; i++) {
                        try {
                          if (client.send(live, HttpResponse.BodyHandlers.discarding()).statusCode()
                              != 200) {
                            failed.incrementAndGet();
                          }
                        } catch (IOException e) {
                          failed.incrementAndGet();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          return;
                        }
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join(Duration.ofMinutes(3));
    }
    return failed.get();
  }

  // Under --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges it
  // starts, becomes healthy and stops cleanly; over mutual TLS, its PEM files mounted read-only
  // and readable by its user (65532) alone, as a Kubernetes Secret volume would give them.
  @Test
  void runsHardenedReadOnlyWithoutCapabilitiesOverMutualTls(@TempDir Path dir) throws Exception {
    int healthPort = NatsServer.freePort();
    TestPki ca = TestPki.newCa("private-ca");
    TestPki.Issued client = ca.client(Instant.now().plus(Duration.ofDays(30)));
    Path certs =
        Files.createDirectory(
            dir.resolve("certs"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    for (Path file :
        List.of(
            ca.writeCertificate(certs.resolve("ca.pem")),
            ca.writeChain(certs.resolve("client.pem"), client),
            TestPki.writePkcs8Key(certs.resolve("client-key.pem"), client))) {
      Files.setAttribute(file, "unix:uid", IMAGE_UID);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    }
    try (NatsServer nats = NatsServer.startTls(dir, ca, true)) {
      String container =
          ContainerSupport.startContainer(
              Stream.concat(
                      Stream.of(
                          "--read-only",
                          "--tmpfs",
                          "/tmp",
                          "--cap-drop",
                          "ALL",
                          "--security-opt",
                          "no-new-privileges",
                          "-v",
                          certs + ":/certs:ro"),
                      DOCUMENTED_LIMITS.stream())
                  .toList(),
              "NATS_URL=" + nats.url(),
              "NATS_TLS_CA_FILE=/certs/ca.pem",
              "NATS_TLS_CERT_FILE=/certs/client.pem",
              "NATS_TLS_KEY_FILE=/certs/client-key.pem",
              "HEALTH_PORT=" + healthPort);
      try {
        await("healthy")
            .atMost(HEALTHY_WITHIN)
            .until(() -> "healthy".equals(ContainerSupport.health(container)));

        assertEquals(200, readiness(healthPort));
        stopCleanly(container);
        assertFalse(logLines(container).isEmpty());
      } finally {
        ContainerSupport.remove(container);
      }
    }
  }
}
