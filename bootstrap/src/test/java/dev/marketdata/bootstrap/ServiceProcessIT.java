package dev.marketdata.bootstrap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapters.config.Setting;
import dev.marketdata.adapters.testsupport.Http;
import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.adapters.testsupport.PrometheusExposition;
import dev.marketdata.adapters.testsupport.TestPki;
import dev.marketdata.adapters.testsupport.Waits;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.process.BuildInfo;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as a real process, against a real nats-server. */
class ServiceProcessIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, String> env(String natsUrl, int healthPort) {
    return Map.of(
        "NATS_URL", natsUrl,
        "HEALTH_PORT", Integer.toString(healthPort),
        "HEARTBEAT_INTERVAL", "200ms",
        "NATS_RECONNECT_WAIT", "100ms",
        "NATS_CLIENT_ID", "md-it");
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("stdout line is not JSON: " + line, e);
    }
  }

  private static void assertAllJson(List<String> lines) {
    assertFalse(lines.isEmpty(), "nothing on stdout");
    for (String line : lines) {
      assertTrue(parse(line).isObject(), "not a JSON object: " + line);
    }
  }

  @Test
  void becomesReadyPublishesHeartbeatsAndStopsCleanlyOnSigterm() throws Exception {
    int port = NatsServer.freePort();
    try (NatsServer nats = NatsServer.start();
        Connection subscriber = Nats.connect(nats.url());
        ServiceProcess service = ServiceProcess.start(env(nats.url(), port))) {
      Subscription heartbeats = subscriber.subscribe("marketdata.heartbeat.local.md-it");
      subscriber.flush(Duration.ofSeconds(5));

      service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);
      Message heartbeat = heartbeats.nextMessage(Duration.ofSeconds(5));
      Integer exit = service.stop(STOP_TIMEOUT);

      assertNotNull(heartbeat, "no heartbeat on NATS");
      JsonNode body = JSON.readTree(heartbeat.getData());
      assertEquals("md-it", body.get("serviceId").asText());
      assertEquals("READY", body.get("state").asText());
      assertEquals(0, exit, service.describe());
      List<String> lines = service.stdout();
      assertAllJson(lines);
      JsonNode last = parse(lines.getLast());
      assertEquals("stopped", last.get("message").asText(), service.describe());
      assertTrue(last.get("natsDrained").asBoolean(), lines.getLast());
      assertEquals("market-data-service", last.get("service").asText());
      assertTrue(service.stderr().isEmpty(), service.describe());
    }
  }

  /**
   * Compose, Swarm and Kubernetes may start it before NATS's name is in DNS. It connects at the
   * first retry after the name resolves, not once the JVM's negative cache (10 s) lets it look
   * again. Measured ready 0.5 to 0.95 s after, at a 500 ms retry wait; 10 s before the fix. The
   * JVM's own hosts file stands in for DNS.
   */
  @Test
  void connectsAtTheFirstRetryAfterTheNatsNameResolves(@TempDir Path dir) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "");
    int port = NatsServer.freePort();
    try (NatsServer nats = NatsServer.start();
        ServiceProcess service =
            ServiceProcess.start(
                List.of("-Djdk.net.hosts.file=" + hosts),
                Map.of(
                    "NATS_URL",
                    "nats://nats-registered-late:" + nats.port(),
                    "NATS_RECONNECT_WAIT",
                    "500ms",
                    "HEALTH_PORT",
                    String.valueOf(port)),
                null)) {
      Waits.until(
          START_TIMEOUT,
          "a failed lookup of nats-registered-late",
          () -> service.stdout().stream().anyMatch(l -> l.contains("UnknownHostException")),
          service::describe);

      Files.writeString(hosts, "127.0.0.1 nats-registered-late\n");

      service.awaitStatus(port, "/health/ready", 200, Duration.ofSeconds(4));
    }
  }

  @Test
  void stopsWithinTheDeadlineWhenNatsIsDownAtThatMoment() throws Exception {
    int port = NatsServer.freePort();
    try (ServiceProcess service =
        ServiceProcess.start(env("nats://127.0.0.1:" + NatsServer.freePort(), port))) {
      service.awaitStatus(port, "/health/live", 200, START_TIMEOUT);

      Integer exit = service.stop(STOP_TIMEOUT);

      assertEquals(0, exit, service.describe());
      assertEquals(
          "stopped", parse(service.stdout().getLast()).get("message").asText(), service.describe());
    }
  }

  @Test
  void missingTheShutdownDeadlineExitsWith1AndSaysSo() throws Exception {
    int port = NatsServer.freePort();
    Map<String, String> env = new HashMap<>(env("unused", port));
    env.put("SHUTDOWN_TIMEOUT", "2ms");
    env.put("NATS_DRAIN_TIMEOUT", "1ms");
    try (NatsServer nats = NatsServer.start()) {
      env.put("NATS_URL", nats.url());
      try (ServiceProcess service = ServiceProcess.start(env)) {
        service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);

        Integer exit = service.stop(STOP_TIMEOUT);

        assertEquals(1, exit, service.describe());
        String all = String.join("\n", service.stdout());
        assertTrue(all.contains("shutdown deadline of 2ms exceeded"), all);
        JsonNode last = parse(service.stdout().getLast());
        assertEquals("stopped", last.get("message").asText());
        assertEquals(1, last.get("exitCode").asInt());
      }
    }
  }

  @Test
  void theProbeModeTellsReadyFromNotReady() throws Exception {
    int port = NatsServer.freePort();
    Map<String, String> probeEnv = Map.of("HEALTH_PORT", Integer.toString(port));
    try (NatsServer nats = NatsServer.start();
        ServiceProcess service = ServiceProcess.start(env(nats.url(), port))) {
      service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);

      try (ServiceProcess readyProbe = ServiceProcess.start(probeEnv, "--probe")) {
        assertEquals(0, readyProbe.awaitExit(Duration.ofSeconds(10)), readyProbe.describe());
      }
      service.stop(STOP_TIMEOUT);
      try (ServiceProcess downProbe = ServiceProcess.start(probeEnv, "--probe")) {
        assertEquals(1, downProbe.awaitExit(Duration.ofSeconds(10)), downProbe.describe());
      }
    }
  }

  @Test
  void aBadConfigurationExitsWith78NamingEveryProblemWithoutLeakingSecrets() throws Exception {
    try (ServiceProcess service =
        ServiceProcess.start(
            Map.of(
                "NATS_URL", "nats://svc:hunter2@nats:99999",
                "HEALTH_PORT", "http",
                "SHUTDOWN_TIMEOUT", "-1s"))) {

      Integer exit = service.awaitExit(Duration.ofSeconds(10));

      assertEquals(78, exit, service.describe());
      List<String> lines = service.stdout();
      assertAllJson(lines);
      String all = String.join("\n", lines);
      assertFalse(all.contains("hunter2"), all);
      assertFalse(all.contains("stack_trace"), all);
      List<String> variables =
          lines.stream()
              .map(ServiceProcessIT::parse)
              .filter(line -> line.has("variable"))
              .map(line -> line.get("variable").asText())
              .toList();
      assertEquals(List.of("NATS_URL", "SHUTDOWN_TIMEOUT", "HEALTH_PORT"), variables);
      assertTrue(
          all.contains("HEALTH_PORT=http is invalid: expected a TCP port number from 1 to 65535"),
          all);
    }
  }

  @Test
  void readsADotEnvFileButRealVariablesWin(@TempDir Path workDir) throws Exception {
    int port = NatsServer.freePort();
    Files.writeString(
        workDir.resolve(".env"),
        "# local overrides\nHEALTH_PORT="
            + port
            + "\nNATS_CLIENT_ID=from-dotenv\nLOG_LEVEL=LOUD\n");
    try (ServiceProcess service =
        ServiceProcess.start(
            Map.of("LOG_LEVEL", "INFO", "NATS_URL", "nats://127.0.0.1:" + NatsServer.freePort()),
            workDir)) {

      service.awaitStatus(port, "/health/live", 200, START_TIMEOUT);
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());

      JsonNode started =
          service.stdout().stream()
              .map(ServiceProcessIT::parse)
              .filter(line -> line.get("message").asText().equals("started"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no started line: " + service.describe()));
      assertEquals(
          "marketdata.heartbeat.local.from-dotenv", started.get("heartbeatSubject").asText());
    }
  }

  @Test
  void authenticatesWithANatsCredsFile(@TempDir Path dir) throws Exception {
    // An NKey user: the fat jar signs the server's challenge with the seed from the creds file,
    // which exercises the shaded (and minimised) BouncyCastle Ed25519 code.
    NKey user = NKey.createUser(null);
    Path serverConfig =
        Files.writeString(
            dir.resolve("server.conf"),
            "authorization { users = [ { nkey: \""
                + new String(user.getPublicKey())
                + "\" } ] }\n");
    Path creds =
        Files.writeString(
            dir.resolve("md.creds"),
            "-----BEGIN NATS USER JWT-----\n"
                + "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.e30.c2ln\n"
                + "------END NATS USER JWT------\n\n"
                + "-----BEGIN USER NKEY SEED-----\n"
                + new String(user.getSeed())
                + "\n------END USER NKEY SEED------\n");
    int natsPort = NatsServer.freePort();
    int port = NatsServer.freePort();
    try (NatsServer nats = NatsServer.startWithConfig(natsPort, serverConfig);
        ServiceProcess service =
            ServiceProcess.start(
                Map.of(
                    "NATS_URL", nats.url(),
                    "HEALTH_PORT", Integer.toString(port),
                    "NATS_CREDS_FILE", creds.toString()))) {

      service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());
      assertTrue(service.stderr().isEmpty(), service.describe());
      String all = String.join("\n", service.stdout());
      assertFalse(all.contains(new String(user.getSeed())), "the seed was logged");
    }
  }

  @Test
  void aTakenHealthPortFailsTheStartWithExit70() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0);
        ServiceProcess service =
            ServiceProcess.start(
                Map.of(
                    "HEALTH_PORT",
                    Integer.toString(taken.getLocalPort()),
                    "NATS_URL",
                    "nats://127.0.0.1:" + NatsServer.freePort()))) {

      Integer exit = service.awaitExit(Duration.ofSeconds(10));

      assertEquals(70, exit, service.describe());
      assertAllJson(service.stdout());
      assertTrue(String.join("\n", service.stdout()).contains("cannot listen on HEALTH_PORT"));
    }
  }

  @Test
  void anUnknownArgumentExitsWith64() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--bogus")) {
      assertEquals(64, service.awaitExit(Duration.ofSeconds(10)));
      assertTrue(String.join("\n", service.stderr()).contains("unknown argument '--bogus'"));
    }
  }

  /**
   * Rolling updates and scale-downs stop replicas that are still starting. The hook is installed
   * before the first line, so a stop right after it is a clean one: exit 0 with the final line.
   */
  @Test
  void aStopWhileStartingExitsZeroWithItsFinalLine() throws Exception {
    try (NatsServer nats = NatsServer.start();
        ServiceProcess service = ServiceProcess.start(env(nats.url(), NatsServer.freePort()))) {
      Waits.until(
          START_TIMEOUT, "the first line", () -> !service.stdout().isEmpty(), service::describe);

      Integer exit = service.stop(Duration.ofSeconds(10));

      assertEquals(0, exit, service.describe());
      assertEquals(
          "stopped", parse(service.stdout().getLast()).get("message").asText(), service.describe());
    }
  }

  /** Issue 24: heartbeats visible with what ships. Costs about 4 s. */
  @Test
  void theWatchModeShowsEachInstanceMarksItStaleOnceSilentAndStopsWithExit0OnTermOrInt()
      throws Exception {
    int port = NatsServer.freePort();
    try (NatsServer nats = NatsServer.start();
        ServiceProcess watch =
            ServiceProcess.start(
                Map.of("NATS_URL", nats.url(), "LOG_FORMAT", "text"), "--watch", "local");
        ServiceProcess interrupted =
            ServiceProcess.start(Map.of("NATS_URL", nats.url(), "LOG_FORMAT", "text"), "--watch");
        ServiceProcess service = ServiceProcess.start(env(nats.url(), port))) {
      Waits.until(
          START_TIMEOUT,
          "the watch showing md-it ready",
          () -> watch.stdout().stream().anyMatch(line -> line.matches("md-it +\\S+ +READY .*")),
          watch::describe);
      Waits.until(
          START_TIMEOUT,
          "the other watch showing md-it too",
          () -> interrupted.stdout().stream().anyMatch(line -> line.startsWith("md-it ")),
          interrupted::describe);

      Integer serviceExit = service.stop(STOP_TIMEOUT);
      // silent for its validity, three 200 ms intervals, then stale at the next 500 ms refresh
      Waits.until(
          Duration.ofSeconds(5),
          "the watch marking md-it stale",
          () -> watch.stdout().stream().anyMatch(line -> line.matches("md-it .* STALE: .*")),
          watch::describe);
      Integer watchExit = watch.stop(STOP_TIMEOUT);
      Integer interruptedExit = interrupted.interrupt(STOP_TIMEOUT);

      assertEquals(0, serviceExit, service.describe());
      assertEquals(0, watchExit, watch.describe());
      assertEquals(0, interruptedExit, "on SIGINT" + interrupted.describe());
      assertTrue(watch.stderr().isEmpty(), watch.describe());
    }
  }

  /** Issue 36: on a terminal the reason stays on screen until it connects; Ctrl-C exits 0. */
  @Test
  void onATerminalTheWatchKeepsWhyItHearsNothingOnScreenUntilItConnects() throws Exception {
    int natsPort = NatsServer.freePort();
    try (ServiceProcess watch =
        ServiceProcess.startOnATerminal(
            Map.of("NATS_URL", "nats://127.0.0.1:" + natsPort, "LOG_FORMAT", "text"), "--watch")) {
      Waits.until(
          START_TIMEOUT,
          "the watch saying why it hears nothing",
          () -> firstLine(watch, "cannot reach NATS") >= 0,
          watch::describe);
      // Until NATS exists the watch cannot connect: nothing may clear the reason off the screen.
      List<String> beforeNats = watch.stdout();
      try (NatsServer nats = NatsServer.startOn(natsPort)) {
        Waits.until(
            START_TIMEOUT,
            "the table, once connected",
            () -> firstLine(watch, "SERVICE ID") >= 0,
            watch::describe);
        watch.type("\u0003");
        Integer exit = watch.awaitExit(STOP_TIMEOUT);

        assertTrue(beforeNats.stream().noneMatch(l -> l.contains("\033[2J")), watch.describe());
        assertEquals(0, exit, "exit on Ctrl-C" + watch.describe());
      }
    }
  }

  private static int firstLine(ServiceProcess process, String containing) {
    List<String> lines = process.stdout();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(containing)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theWatchModeRejectsAClusterIdThatIsNoSubjectTokenWith64() throws Exception {
    try (ServiceProcess watch = ServiceProcess.start(Map.of(), "--watch", "prod.eu")) {
      assertEquals(64, watch.awaitExit(Duration.ofSeconds(10)), watch.describe());
      assertTrue(
          String.join("\n", watch.stderr()).contains("--watch prod.eu: a cluster id is 1-64"));
    }
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() throws Exception {
    try (ServiceProcess help = ServiceProcess.start(Map.of(), "--help")) {
      assertEquals(0, help.awaitExit(Duration.ofSeconds(10)), help.describe());
      String usage = String.join("\n", help.stdout());
      for (String expected :
          List.of(
              "--probe",
              "--watch",
              "--version",
              "NATS_URL",
              "HEALTH_BIND",
              "default 8s (1ms-10m)")) {
        assertTrue(usage.contains(expected), expected + " missing from:\n" + usage);
      }
    }
  }

  @Test
  void anExtraArgumentExitsWith64EvenAfterAValidMode() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--version", "--bogus")) {
      assertEquals(64, service.awaitExit(Duration.ofSeconds(10)), service.describe());
      assertEquals(List.of(), service.stdout());
      assertTrue(String.join("\n", service.stderr()).contains("expected at most one argument"));
    }
  }

  @Test
  void anEmptyVariableIsRejectedInsteadOfMeaningTheDefault() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of("NATS_URL", ""))) {
      assertEquals(78, service.awaitExit(Duration.ofSeconds(10)), service.describe());
      assertTrue(
          String.join("\n", service.stdout()).contains("NATS_URL=(empty) is invalid"),
          service.describe());
    }
  }

  @Test
  void aBrokenDotEnvNamesFileAndLineAlongWithEveryOtherProblem(@TempDir Path workDir)
      throws Exception {
    Files.writeString(
        workDir.resolve(".env"), "export NATS_CLIENT_ID='md-1'\nNATS_PASSWORD='unterminated\n");
    try (ServiceProcess service = ServiceProcess.start(Map.of("HEALTH_PORT", "http"), workDir)) {

      assertEquals(78, service.awaitExit(Duration.ofSeconds(10)), service.describe());
      String all = String.join("\n", service.stdout());
      assertTrue(
          all.contains(
              ".env=.env:2 is invalid: expected a closing single quote (') in the value of"
                  + " NATS_PASSWORD"),
          all);
      assertTrue(all.contains("HEALTH_PORT=http is invalid"), all);
      assertFalse(all.contains("unterminated"), all);
    }
  }

  /**
   * Over mutual TLS, with the default ping interval, pings out and reconnect wait: 503 within 20 s
   * of the server hanging (15 s expected), ready again within 10 s of it answering, and the
   * heartbeats of the outage dropped, reported once. The plain-TCP hang is proved at the adapter
   * (NatsPartsIT); the code path is the same.
   */
  @Test
  void aHungServerTurnsReadinessOffWithin20sAndItsHeartbeatsAreDroppedOnce(@TempDir Path dir)
      throws Exception {
    int port = NatsServer.freePort();
    TestPki ca = TestPki.newCa("private-ca");
    TestPki.Issued client = ca.client(Instant.now().plus(Duration.ofDays(30)));
    try (NatsServer nats = NatsServer.startTls(dir, ca, true);
        Connection subscriber =
            Nats.connect(
                new Options.Builder()
                    .server(nats.url())
                    .sslContext(ca.clientContext(client))
                    .build());
        ServiceProcess service =
            ServiceProcess.start(
                withDefaultReconnect(withMutualTls(env(nats.url(), port), dir, ca, client)))) {
      Subscription heartbeats = subscriber.subscribe("marketdata.heartbeat.>");
      subscriber.flush(Duration.ofSeconds(5));
      assertNotNull(heartbeats.nextMessage(START_TIMEOUT), "no heartbeat before the outage");

      nats.freeze();
      Instant frozen = Instant.now();
      service.awaitStatus(port, "/health/ready", 503, Duration.ofSeconds(20));
      Thread.sleep(1000);
      Instant thawed = Instant.now();
      nats.thaw();
      service.awaitStatus(port, "/health/ready", 200, Duration.ofSeconds(10));
      // Beats sent before the freeze may still arrive; the first one after it must be fresh.
      Instant sent = Instant.MIN;
      Message afterOutage;
      do {
        afterOutage = heartbeats.nextMessage(Duration.ofSeconds(5));
        if (afterOutage != null) {
          sent = Instant.parse(JSON.readTree(afterOutage.getData()).get("timestamp").asText());
        }
      } while (afterOutage != null && sent.isBefore(frozen));
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());

      List<String> messages =
          service.stdout().stream().map(line -> parse(line).get("message").asText()).toList();
      assertEquals(
          1,
          messages.stream().filter(m -> m.startsWith("heartbeats dropped, not queued")).count(),
          messages.toString());
      assertEquals(
          1,
          messages.stream().filter(m -> m.startsWith("heartbeats resumed")).count(),
          messages.toString());
      // The first beat made after the freeze is still valid (one 200 ms interval) when the server
      // answers again: nothing made during the outage came through.
      assertNotNull(afterOutage, "no heartbeat after the outage");
      assertTrue(
          sent.isAfter(thawed.minusMillis(200)),
          "a heartbeat made during the outage was delivered: " + sent + ", thawed " + thawed);
    }
  }

  private static Map<String, String> withDefaultReconnect(Map<String, String> env) {
    Map<String, String> defaults = new HashMap<>(env);
    defaults.remove("NATS_RECONNECT_WAIT");
    return defaults;
  }

  private static Map<String, String> withMutualTls(
      Map<String, String> env, Path dir, TestPki ca, TestPki.Issued client) {
    Map<String, String> tls = new HashMap<>(env);
    tls.put("NATS_TLS_CA_FILE", ca.writeCertificate(dir.resolve("ca.pem")).toString());
    tls.put("NATS_TLS_CERT_FILE", ca.writeChain(dir.resolve("client.pem"), client).toString());
    tls.put(
        "NATS_TLS_KEY_FILE",
        TestPki.writePkcs8Key(dir.resolve("client-key.pem"), client).toString());
    return tls;
  }

  @Test
  void aServerOfAnotherCaLeavesTheServiceLiveNotReadyWithOneLineSayingWhy(@TempDir Path dir)
      throws Exception {
    int port = NatsServer.freePort();
    TestPki serverCa = TestPki.newCa("server-ca");
    TestPki otherCa = TestPki.newCa("other-ca");
    Map<String, String> env = new HashMap<>(env("nats://127.0.0.1:1", port));
    env.put("NATS_TLS_CA_FILE", otherCa.writeCertificate(dir.resolve("other-ca.pem")).toString());
    try (NatsServer nats = NatsServer.startTls(dir, serverCa, false);
        ServiceProcess service = ServiceProcess.start(withUrl(env, nats.url()))) {
      service.awaitStatus(port, "/health/live", 200, START_TIMEOUT);
      // 100 ms apart, a dozen attempts or more.
      Thread.sleep(2000);

      int ready = service.status(port, "/health/ready");
      List<String> beforeStop = service.stdout();
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());

      assertEquals(503, ready);
      List<JsonNode> warnings =
          beforeStop.stream()
              .map(ServiceProcessIT::parse)
              .filter(line -> line.get("level").asText().equals("WARN"))
              .toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(
          warnings.getFirst().get("message").asText().contains("unknown CA"), warnings.toString());
      assertFalse(String.join("\n", beforeStop).contains("stack_trace"));
    }
  }

  @Test
  void badTlsFilesExitWith78NamingEveryFileWithoutShowingTheKey(@TempDir Path dir)
      throws Exception {
    Path encryptedKey = TestPki.writeEncryptedPkcs8Key(dir.resolve("key.pem"));
    Path notPem = Files.writeString(dir.resolve("ca.txt"), "not PEM\n");
    try (ServiceProcess service =
        ServiceProcess.start(
            Map.of(
                "NATS_TLS_CA_FILE", notPem.toString(),
                "NATS_TLS_CERT_FILE", dir.resolve("missing.pem").toString(),
                "NATS_TLS_KEY_FILE", encryptedKey.toString()))) {

      Integer exit = service.awaitExit(Duration.ofSeconds(10));

      assertEquals(78, exit, service.describe());
      List<JsonNode> lines = service.stdout().stream().map(ServiceProcessIT::parse).toList();
      assertEquals(
          List.of("NATS_TLS_CA_FILE", "NATS_TLS_CERT_FILE", "NATS_TLS_KEY_FILE"),
          lines.stream()
              .filter(line -> line.has("variable"))
              .map(line -> line.get("variable").asText())
              .toList());
      String all = String.join("\n", service.stdout());
      assertTrue(all.contains("openssl pkey -in " + encryptedKey), all);
      for (String keyLine : Files.readAllLines(encryptedKey)) {
        if (!keyLine.startsWith("-----")) {
          assertFalse(all.contains(keyLine), "key content shown: " + all);
        }
      }
    }
  }

  /**
   * Without TLS asked for, no TLS library class is loaded: start-up pays nothing for it. jnats'
   * socket class and the verifier load a few JDK interfaces (SSLSocket, the key and trust
   * managers).
   */
  @Test
  void withoutTlsNoTlsClassIsLoaded(@TempDir Path dir) throws Exception {
    int port = NatsServer.freePort();
    Path classes = dir.resolve("classes.log");
    Map<String, String> env = new HashMap<>(env("nats://127.0.0.1:1", port));
    env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
    try (NatsServer nats = NatsServer.start();
        ServiceProcess service = ServiceProcess.start(withUrl(env, nats.url()))) {
      service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());

      List<String> tlsClasses =
          Files.readAllLines(classes).stream()
              .filter(
                  line ->
                      (line.contains("javax.net.ssl.")
                              && !line.contains("javax.net.ssl.SSLSocket ")
                              && !line.contains("Manager source:"))
                          || line.contains("sun.security.ssl.")
                          || line.contains("nl.altindag.ssl.")
                          || line.contains("org.bouncycastle."))
              .toList();
      assertEquals(List.of(), tlsClasses);
    }
  }

  private static Map<String, String> withUrl(Map<String, String> env, String url) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put("NATS_URL", url);
    return copy;
  }

  private static Map<String, Double> scrape(int port) {
    HttpResponse<String> response = Http.get(port, "/metrics", "text/plain");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        response.headers().toString());
    return PrometheusExposition.samples(response.body());
  }

  @Test
  void acrossANatsRestartItStaysLiveWhileReadinessAndMetricsFollowTheLink() throws Exception {
    int port = NatsServer.freePort();
    int natsPort = NatsServer.freePort();
    Map<String, String> env = new HashMap<>(env("nats://127.0.0.1:" + natsPort, port));
    try (ServiceProcess service = ServiceProcess.start(env)) {
      Map<String, Double> first;
      try (NatsServer nats = NatsServer.startOn(natsPort)) {
        service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);
        await("JVM metrics registered after ready")
            .atMost(Duration.ofSeconds(10))
            .until(() -> scrape(port).containsKey("jvm_threads_current"));
        first = scrape(port);
      }
      service.awaitStatus(port, "/health/ready", 503, START_TIMEOUT);
      Map<String, Double> down = scrape(port);
      int liveWhileDown = service.status(port, "/health/live");
      try (NatsServer nats = NatsServer.startOn(natsPort)) {
        service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);
        Map<String, Double> again = scrape(port);
        HttpResponse<String> openMetrics =
            Http.get(port, "/metrics", "application/openmetrics-text; version=1.0.0");

        assertEquals(1.0, first.get("marketdata_nats_connected"));
        assertEquals(1.0, first.get("marketdata_nats_connects_total"));
        assertEquals(0.0, first.get("marketdata_nats_disconnects_total"));
        assertTrue(first.get("marketdata_heartbeats_published_total") >= 1, first.toString());
        assertTrue(first.containsKey("process_start_time_seconds"), first.keySet().toString());
        assertTrue(
            first.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{")),
            first.keySet().toString());
        assertTrue(
            first.keySet().stream()
                .anyMatch(
                    k ->
                        k.startsWith("marketdata_build_info{")
                            && k.contains("version=\"" + BuildInfo.version() + "\"")
                            && k.contains("service_id=\"md-it\"")),
            first.keySet().toString());
        assertEquals(0.0, down.get("marketdata_nats_connected"));
        assertEquals(1.0, down.get("marketdata_nats_disconnects_total"));
        assertEquals(1.0, again.get("marketdata_nats_connected"));
        assertEquals(1.0, again.get("marketdata_nats_reconnects_total"));
        assertEquals(1.0, again.get("marketdata_nats_connects_total"));
        assertTrue(
            again.get("marketdata_heartbeats_dropped_total{reason=\"not_connected\"}") >= 1,
            again.toString());
        assertTrue(
            openMetrics
                .headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("application/openmetrics-text"),
            openMetrics.headers().toString());
        assertTrue(openMetrics.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
        assertEquals(200, liveWhileDown);
      }
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());
      assertAllJson(service.stdout());
    }
  }

  @Test
  void jvmMetricsAreServedEvenWhileNatsIsUnreachable() throws Exception {
    int port = NatsServer.freePort();
    String nowhere = "nats://127.0.0.1:" + NatsServer.freePort();
    try (ServiceProcess service = ServiceProcess.start(env(nowhere, port))) {
      service.awaitStatus(port, "/health/live", 200, START_TIMEOUT);

      await("JVM metrics registered without a NATS connection")
          .atMost(Duration.ofSeconds(10))
          .until(() -> scrape(port).containsKey("jvm_threads_current"));

      assertEquals(0.0, scrape(port).get("marketdata_nats_connected"));
      assertEquals(503, service.status(port, "/health/ready"));
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());
    }
  }

  @Test
  void theFirstHeartbeatGoesOutOnConnectAndAgainOnReconnect() throws Exception {
    int port = NatsServer.freePort();
    int natsPort = NatsServer.freePort();
    Map<String, String> env = new HashMap<>(env("nats://127.0.0.1:" + natsPort, port));
    env.put("HEARTBEAT_INTERVAL", "1h"); // only a connect can make a heartbeat go out in time
    try (NatsServer nats = NatsServer.startOn(natsPort);
        Connection subscriber = Nats.connect(nats.url())) {
      Subscription heartbeats = subscriber.subscribe("marketdata.heartbeat.>");
      subscriber.flush(Duration.ofSeconds(5));
      try (ServiceProcess service = ServiceProcess.start(env)) {
        Message onConnect = heartbeats.nextMessage(START_TIMEOUT);
        nats.close();
        service.awaitStatus(port, "/health/ready", 503, START_TIMEOUT);
        try (NatsServer restarted = NatsServer.startOn(natsPort)) {
          service.awaitStatus(port, "/health/ready", 200, START_TIMEOUT);
          // A subscriber on the restarted server may come too late to see it: the counter cannot.
          await("a second heartbeat published, on reconnect")
              .atMost(Duration.ofSeconds(10))
              .until(() -> scrape(port).get("marketdata_heartbeats_published_total") == 2.0);
          assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());
        }

        assertNotNull(onConnect, "no heartbeat on connect");
      }
    }
  }

  @Test
  void theConfigurationLineShowsEverySettingItsSourceAndNoSecret(@TempDir Path workDir)
      throws Exception {
    int port = NatsServer.freePort();
    Files.writeString(workDir.resolve(".env"), "LOG_LEVEL=debug\nNATS_CLUSTER_ID=from-dotenv\n");
    Map<String, String> env = new HashMap<>();
    env.put("NATS_URL", "nats://md:pa55word@127.0.0.1:" + NatsServer.freePort());
    env.put("NATS_USER", "md");
    env.put("NATS_PASSWORD", "s3cret-password");
    env.put("HEALTH_PORT", Integer.toString(port));
    env.put("HOSTNAME", "md-pod-7");
    List<String> lines;
    try (ServiceProcess service = ServiceProcess.start(env, workDir)) {
      service.awaitStatus(port, "/health/live", 200, START_TIMEOUT);
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());
      lines = service.stdout();
    }
    List<String> messages = lines.stream().map(l -> parse(l).get("message").asText()).toList();
    JsonNode configuration =
        lines.stream()
            .map(ServiceProcessIT::parse)
            .filter(line -> line.get("message").asText().equals("configuration"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no configuration line"));
    JsonNode settings = configuration.get("settings");

    String all = String.join("\n", lines);
    assertFalse(all.contains("s3cret-password"), all);
    assertFalse(all.contains("pa55word"), all);
    for (Setting<?> setting : ServiceConfig.ALL) {
      assertTrue(settings.has(setting.name()), setting.name() + " missing from " + settings);
    }
    assertEquals("environment", settings.get("NATS_URL").get("source").asText());
    assertTrue(settings.get("NATS_URL").get("value").asText().startsWith("nats://md:***@"));
    assertEquals("***", settings.get("NATS_PASSWORD").get("value").asText());
    assertEquals(".env", settings.get("LOG_LEVEL").get("source").asText());
    assertEquals("DEBUG", settings.get("LOG_LEVEL").get("value").asText());
    assertEquals("default", settings.get("HEARTBEAT_INTERVAL").get("source").asText());
    assertEquals("5s", settings.get("HEARTBEAT_INTERVAL").get("value").asText());
    assertEquals("HOSTNAME", settings.get("NATS_CLIENT_ID").get("source").asText());
    assertEquals("md-pod-7", configuration.get("clientId").asText());
    assertEquals("user", configuration.get("authentication").asText());
    assertTrue(configuration.get("dotenvRead").asBoolean());
    assertTrue(
        messages.indexOf("configuration") < messages.indexOf("started"),
        "the configuration line comes before anything starts: " + messages);
  }

  @Test
  void textLogsAreOneReadableLinePerEvent() throws Exception {
    int port = NatsServer.freePort();
    Map<String, String> env = new HashMap<>(env("nats://127.0.0.1:" + NatsServer.freePort(), port));
    env.put("LOG_FORMAT", "text");
    try (ServiceProcess service = ServiceProcess.start(env)) {
      service.awaitStatus(port, "/health/live", 200, START_TIMEOUT);
      assertEquals(0, service.stop(STOP_TIMEOUT), service.describe());

      List<String> lines = service.stdout();
      assertFalse(lines.isEmpty());
      for (String line : lines) {
        assertTrue(
            line.matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ - .*"),
            "not a text log line: " + line);
      }
      assertTrue(lines.getLast().contains(" - stopped "), lines.getLast());
      assertTrue(lines.getLast().contains("exitCode=\"0\""), lines.getLast());
    }
  }

  @Test
  void anUnknownLogFormatExitsWith78() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of("LOG_FORMAT", "xml"))) {
      assertEquals(78, service.awaitExit(Duration.ofSeconds(10)), service.describe());
      assertTrue(String.join("\n", service.stdout()).contains("LOG_FORMAT=xml is invalid"));
    }
  }
}
