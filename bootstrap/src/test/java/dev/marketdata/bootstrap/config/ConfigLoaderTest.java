package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.config.ConfigProblem;
import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.adapters.in.http.HttpSettings;
import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.NatsSettings;
import dev.marketdata.adapters.testsupport.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  private static List<String> variablesAtFault(Map<String, String> env) {
    InvalidConfigException error =
        assertThrows(InvalidConfigException.class, () -> ServiceConfig.load(env));
    return error.problems().stream().map(ConfigProblem::variable).toList();
  }

  @Test
  void anEmptyEnvironmentGivesTheDocumentedDefaults() throws InvalidConfigException {
    ServiceConfig config = ServiceConfig.load(Map.of());

    assertEquals(List.of("nats://localhost:4222"), config.nats().servers());
    assertEquals("market-data-service", config.nats().clientId());
    assertEquals("local", config.nats().clusterId());
    assertInstanceOf(NatsCredentials.None.class, config.nats().credentials());
    assertEquals("INFO", config.logLevel());
    assertEquals(8080, config.http().port());
    assertTrue(config.http().address().getAddress().isAnyLocalAddress());
    assertEquals(Duration.ofSeconds(5), config.nats().pingInterval());
    assertEquals(2, config.nats().maxPingsOut());
    assertEquals(Duration.ofSeconds(5), config.heartbeatInterval());
    assertEquals(Duration.ofSeconds(8), config.shutdownTimeout());
    assertEquals(Duration.ofSeconds(5), config.drainTimeout());
    assertEquals(Duration.ofSeconds(2), config.nats().reconnectWait());
    assertEquals(
        "marketdata.heartbeat.local.market-data-service", config.nats().heartbeatSubject());
  }

  @Test
  void readsEveryVariable() throws InvalidConfigException {
    ServiceConfig config =
        ServiceConfig.load(
            Map.of(
                "NATS_URL", "nats://a:4222, tls://b:4443",
                "NATS_CLIENT_ID", "md-7",
                "NATS_CLUSTER_ID", "prod",
                "NATS_USER", "svc",
                "NATS_PASSWORD", "pw",
                "LOG_LEVEL", "debug",
                "HEALTH_PORT", "9090",
                "HEARTBEAT_INTERVAL", "250ms",
                "SHUTDOWN_TIMEOUT", "1m",
                "NATS_DRAIN_TIMEOUT", "30s"));

    assertEquals(List.of("nats://a:4222", "tls://b:4443"), config.nats().servers());
    assertEquals("marketdata.heartbeat.prod.md-7", config.nats().heartbeatSubject());
    assertEquals("user", config.nats().credentials().method());
    assertEquals("DEBUG", config.logLevel());
    assertEquals(9090, config.http().port());
    assertEquals(Duration.ofMillis(250), config.heartbeatInterval());
    assertEquals(Duration.ofMinutes(1), config.shutdownTimeout());
    assertEquals(Duration.ofSeconds(30), config.drainTimeout());
    assertEquals(List.of("nats://a:4222", "tls://b:4443"), config.nats().servers());
  }

  @Test
  void reportsEveryInvalidVariableAtOnce() {
    List<String> atFault =
        variablesAtFault(
            Map.of(
                "NATS_URL", "http://x",
                "HEALTH_PORT", "70000",
                "HEARTBEAT_INTERVAL", "-5s",
                "LOG_LEVEL", "LOUD",
                "NATS_CLIENT_ID", "a.b"));

    assertEquals(
        List.of("NATS_URL", "NATS_CLIENT_ID", "HEARTBEAT_INTERVAL", "HEALTH_PORT", "LOG_LEVEL"),
        atFault);
  }

  @Test
  void aProblemNamesTheVariableTheValueAndWhatIsExpected() {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class, () -> ServiceConfig.load(Map.of("HEALTH_PORT", "abc")));

    assertEquals(
        "HEALTH_PORT=abc is invalid: expected a TCP port number from 1 to 65535",
        error.problems().getFirst().message());
  }

  @Test
  void rejectsUnparsableAndZeroDurations() {
    assertEquals(List.of("SHUTDOWN_TIMEOUT"), variablesAtFault(Map.of("SHUTDOWN_TIMEOUT", "5")));
    assertEquals(List.of("SHUTDOWN_TIMEOUT"), variablesAtFault(Map.of("SHUTDOWN_TIMEOUT", "0s")));
    assertEquals(
        List.of("NATS_RECONNECT_WAIT"), variablesAtFault(Map.of("NATS_RECONNECT_WAIT", "soon")));
  }

  @Test
  void theDrainMustFitInsideTheShutdownDeadline() {
    assertEquals(
        List.of("NATS_DRAIN_TIMEOUT"),
        variablesAtFault(Map.of("SHUTDOWN_TIMEOUT", "3s", "NATS_DRAIN_TIMEOUT", "3s")));
  }

  @Test
  void rejectsABadUrlAnywhereInTheList() {
    assertEquals(
        List.of("NATS_URL"), variablesAtFault(Map.of("NATS_URL", "nats://ok:4222,nats://:0")));
    assertEquals(List.of("NATS_URL"), variablesAtFault(Map.of("NATS_URL", "nats://a:4222,")));
    assertEquals(List.of("NATS_URL"), variablesAtFault(Map.of("NATS_URL", "nats://h:4222/path")));
    assertEquals(List.of("NATS_URL"), variablesAtFault(Map.of("NATS_URL", "not a url")));
  }

  @Test
  void masksCredentialsInABadUrl() {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class,
            () -> ServiceConfig.load(Map.of("NATS_URL", "nats://u:hunter2@h:99999")));

    String message = error.problems().getFirst().message();
    assertFalse(message.contains("hunter2"), message);
    assertTrue(message.startsWith("NATS_URL=nats://u:***@h:99999 is invalid"), message);
  }

  @Test
  void aUserNeedsAPasswordAndViceVersa() {
    assertEquals(List.of("NATS_PASSWORD"), variablesAtFault(Map.of("NATS_USER", "svc")));
    assertEquals(List.of("NATS_USER"), variablesAtFault(Map.of("NATS_PASSWORD", "pw")));
  }

  @Test
  void aClientCertificateNeedsItsKeyAndViceVersa() {
    assertEquals(
        List.of("NATS_TLS_KEY_FILE"), variablesAtFault(Map.of("NATS_TLS_CERT_FILE", "/c.pem")));
    assertEquals(
        List.of("NATS_TLS_CERT_FILE"), variablesAtFault(Map.of("NATS_TLS_KEY_FILE", "/k.pem")));
  }

  @Test
  void tlsFilesAreReadAndTheirPathsShown(@TempDir Path dir) throws InvalidConfigException {
    TestPki ca = TestPki.newCa("ca");
    Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));

    ServiceConfig config = ServiceConfig.load(Map.of("NATS_TLS_CA_FILE", caFile.toString()));

    assertEquals(Optional.of(caFile), config.nats().tls().caFile());
    assertTrue(config.nats().usesTls());
  }

  @Test
  void allowsOneAuthenticationMethodOnlyAndNeverShowsTheSecrets() {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class,
            () -> ServiceConfig.load(Map.of("NATS_TOKEN", "tok-secret", "NATS_USER", "u")));

    String message = error.getMessage();
    assertTrue(message.contains("at most one authentication method"), message);
    assertFalse(message.contains("tok-secret"), message);
  }

  @Test
  void readsATokenAndACredsFile(@TempDir Path dir) throws IOException, InvalidConfigException {
    Path creds = Files.writeString(dir.resolve("svc.creds"), "not parsed until connect");

    assertEquals(
        "token", ServiceConfig.load(Map.of("NATS_TOKEN", "t")).nats().credentials().method());
    assertEquals(
        new NatsCredentials.CredsFile(creds),
        ServiceConfig.load(Map.of("NATS_CREDS_FILE", creds.toString())).nats().credentials());
  }

  @Test
  void rejectsAnUnreadableCredsFile(@TempDir Path dir) {
    assertEquals(
        List.of("NATS_CREDS_FILE"),
        variablesAtFault(Map.of("NATS_CREDS_FILE", dir.resolve("missing.creds").toString())));
  }

  @Test
  void theProbeReadsTheHealthAddressAlone() throws InvalidConfigException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    assertEquals(new InetSocketAddress(loopback, 8080), probeAddress(Map.of("NATS_URL", "broken")));
    assertEquals(
        new InetSocketAddress(loopback, 9000),
        probeAddress(Map.of("HEALTH_PORT", "9000", "HEALTH_BIND", "0.0.0.0")));
    assertEquals(
        new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 8080),
        probeAddress(Map.of("HEALTH_BIND", "127.0.0.2")));
    assertThrows(InvalidConfigException.class, () -> probeAddress(Map.of("HEALTH_PORT", "0")));
  }

  private static InetSocketAddress probeAddress(Map<String, String> env)
      throws InvalidConfigException {
    return Env.of(env).load(HttpSettings::from).localAddress();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NATS_URL",
        "NATS_CLIENT_ID",
        "NATS_CLUSTER_ID",
        "NATS_CREDS_FILE",
        "NATS_USER",
        "NATS_PASSWORD",
        "NATS_TOKEN",
        "LOG_LEVEL",
        "HEALTH_PORT",
        "HEALTH_BIND",
        "HEARTBEAT_INTERVAL",
        "SHUTDOWN_TIMEOUT",
        "NATS_DRAIN_TIMEOUT",
        "NATS_RECONNECT_WAIT",
        "NATS_PING_INTERVAL",
        "NATS_MAX_PINGS_OUT"
      })
  void anEmptyValueIsAnErrorNotTheDefault(String variable) {
    InvalidConfigException error =
        assertThrows(InvalidConfigException.class, () -> ServiceConfig.load(Map.of(variable, "")));

    assertEquals(variable, error.problems().getFirst().variable());
    assertTrue(error.problems().getFirst().message().contains("(empty)"), error.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "HEARTBEAT_INTERVAL, 99ms",
    "HEARTBEAT_INTERVAL, 1ms",
    "HEARTBEAT_INTERVAL, 2h",
    "NATS_RECONNECT_WAIT, 99999999h",
    "NATS_RECONNECT_WAIT, 50ms",
    "NATS_PING_INTERVAL, 999ms",
    "NATS_PING_INTERVAL, 11m",
    "SHUTDOWN_TIMEOUT, 11m",
    "NATS_DRAIN_TIMEOUT, 99999998h",
    "NATS_MAX_PINGS_OUT, 0",
    "NATS_MAX_PINGS_OUT, 11",
    "NATS_MAX_PINGS_OUT, 99999999999999999999"
  })
  void everyDurationAndCountHasBounds(String variable, String value) {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class, () -> ServiceConfig.load(Map.of(variable, value)));

    assertEquals(
        List.of(variable), error.problems().stream().map(ConfigProblem::variable).toList());
  }

  @Test
  void theBoundsAreInclusiveAndNamedInTheMessage() throws InvalidConfigException {
    ServiceConfig config =
        ServiceConfig.load(
            Map.of(
                "HEARTBEAT_INTERVAL", "100ms",
                "NATS_RECONNECT_WAIT", "10m",
                "NATS_PING_INTERVAL", "1s",
                "NATS_MAX_PINGS_OUT", "10"));
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class,
            () -> ServiceConfig.load(Map.of("HEARTBEAT_INTERVAL", "1ms")));

    assertEquals(Duration.ofMillis(100), config.heartbeatInterval());
    assertEquals(10, config.nats().maxPingsOut());
    assertEquals(
        "HEARTBEAT_INTERVAL=1ms is invalid: expected a duration from 100ms to 1h, written like"
            + " 500ms, 5s, 2m or 1h",
        error.problems().getFirst().message());
  }

  @Test
  void aHugeUrlIsRejectedAtOnceWithoutEchoingIt() {
    String huge = "nats://u:" + "x/".repeat(50_000) + "@h:4222";

    InvalidConfigException error =
        assertTimeoutPreemptively(
            Duration.ofSeconds(1),
            () ->
                assertThrows(
                    InvalidConfigException.class,
                    () -> ServiceConfig.load(Map.of("NATS_URL", huge))));

    String message = error.problems().getFirst().message();
    assertTrue(message.length() < 300, message);
    assertTrue(message.contains("at most 8192 characters"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"q8W/7kLx+Zp0==", "p@ss", "a:b", "50%off", "with space", "x/@:% y"})
  void anInvalidUrlNeverShowsItsPassword(String password) {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class,
            () -> ServiceConfig.load(Map.of("NATS_URL", "nats://md:" + password + "@h:99999")));

    String message = error.problems().getFirst().message();
    assertFalse(message.contains(password), message);
    assertTrue(message.startsWith("NATS_URL=nats://md:***@h:99999 is invalid"), message);
  }

  @Test
  void twoAuthenticationMethodsDoNotHideTheOtherProblems(@TempDir Path dir) {
    List<String> atFault =
        variablesAtFault(
            Map.of(
                "NATS_CREDS_FILE", dir.resolve("missing.creds").toString(),
                "NATS_USER", "svc",
                "NATS_TOKEN", "t",
                "LOG_LEVEL", "LOUD"));

    assertEquals(
        List.of(
            "NATS_CREDS_FILE",
            "NATS_PASSWORD",
            "NATS_CREDS_FILE/NATS_USER/NATS_TOKEN",
            "LOG_LEVEL"),
        atFault);
  }

  @Test
  void reportsDotenvProblemsAlongWithTheOthers() {
    Env snapshot =
        Env.of(
            Map.of("HEALTH_PORT", "x"),
            Set.of(),
            List.of(new ConfigProblem(".env", "/w/.env:3", "a closing single quote (')")));

    InvalidConfigException error =
        assertThrows(InvalidConfigException.class, () -> ServiceConfig.load(snapshot));

    assertEquals(
        List.of(".env", "HEALTH_PORT"),
        error.problems().stream().map(ConfigProblem::variable).toList());
  }

  @Test
  void withoutAClientIdEachInstanceTakesItsHostName() throws InvalidConfigException {
    ServiceConfig docker = ServiceConfig.load(Map.of("HOSTNAME", "3f2a9c1b7d4e"));
    ServiceConfig pod = ServiceConfig.load(Map.of("HOSTNAME", "md-5d8f7c9b4-x2x9z"));
    ServiceConfig host = ServiceConfig.load(Map.of("HOSTNAME", "build.example.org"));
    ServiceConfig explicit =
        ServiceConfig.load(Map.of("HOSTNAME", "3f2a9c1b7d4e", "NATS_CLIENT_ID", "md-eu-1"));

    assertEquals("marketdata.heartbeat.local.3f2a9c1b7d4e", docker.nats().heartbeatSubject());
    assertEquals("md-5d8f7c9b4-x2x9z", pod.nats().clientId());
    assertEquals("build-example-org", host.nats().clientId());
    assertEquals("md-eu-1", explicit.nats().clientId());
    assertEquals(64, NatsSettings.fromHostName("h".repeat(100)).length());
  }

  @Test
  void rejectsAHealthBindThatIsNotAnAddressLiteral() {
    assertEquals(List.of("HEALTH_BIND"), variablesAtFault(Map.of("HEALTH_BIND", "localhost")));
  }
}
