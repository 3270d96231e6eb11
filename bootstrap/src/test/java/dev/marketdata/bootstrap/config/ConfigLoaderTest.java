package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static List<String> variablesAtFault(Map<String, String> env) {
    InvalidConfigException error =
        assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(env));
    return error.problems().stream().map(ConfigProblem::variable).toList();
  }

  @Test
  void anEmptyEnvironmentGivesTheDocumentedDefaults() throws InvalidConfigException {
    ServiceConfig config = ConfigLoader.load(Map.of());

    assertEquals(List.of("nats://localhost:4222"), config.natsServers());
    assertEquals("market-data-service", config.clientId());
    assertEquals("local", config.clusterId());
    assertInstanceOf(NatsCredentials.None.class, config.credentials());
    assertEquals("INFO", config.logLevel());
    assertEquals(8080, config.healthPort());
    assertEquals(Duration.ofSeconds(5), config.heartbeatInterval());
    assertEquals(Duration.ofSeconds(8), config.shutdownTimeout());
    assertEquals(Duration.ofSeconds(5), config.drainTimeout());
    assertEquals(Duration.ofSeconds(2), config.reconnectWait());
    assertEquals("marketdata.heartbeat.local.market-data-service", config.heartbeatSubject());
  }

  @Test
  void readsEveryVariable() throws InvalidConfigException {
    ServiceConfig config =
        ConfigLoader.load(
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

    assertEquals(List.of("nats://a:4222", "tls://b:4443"), config.natsServers());
    assertEquals("marketdata.heartbeat.prod.md-7", config.heartbeatSubject());
    assertEquals(new NatsCredentials.UserPassword("svc", "pw"), config.credentials());
    assertEquals("DEBUG", config.logLevel());
    assertEquals(9090, config.healthPort());
    assertEquals(Duration.ofMillis(250), config.heartbeatInterval());
    assertEquals(Duration.ofMinutes(1), config.shutdownTimeout());
    assertEquals(Duration.ofSeconds(30), config.drainTimeout());
    assertEquals(List.of("nats://a:4222", "tls://b:4443"), config.natsSettings().servers());
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
        List.of("NATS_URL", "NATS_CLIENT_ID", "LOG_LEVEL", "HEALTH_PORT", "HEARTBEAT_INTERVAL"),
        atFault);
  }

  @Test
  void aProblemNamesTheVariableTheValueAndWhatIsExpected() {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class, () -> ConfigLoader.load(Map.of("HEALTH_PORT", "abc")));

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
            () -> ConfigLoader.load(Map.of("NATS_URL", "nats://u:hunter2@h:99999")));

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
  void allowsOneAuthenticationMethodOnlyAndNeverShowsTheSecrets() {
    InvalidConfigException error =
        assertThrows(
            InvalidConfigException.class,
            () -> ConfigLoader.load(Map.of("NATS_TOKEN", "tok-secret", "NATS_USER", "u")));

    String message = error.getMessage();
    assertTrue(message.contains("at most one authentication method"), message);
    assertFalse(message.contains("tok-secret"), message);
  }

  @Test
  void readsATokenAndACredsFile(@TempDir Path dir) throws IOException, InvalidConfigException {
    Path creds = Files.writeString(dir.resolve("svc.creds"), "not parsed until connect");

    assertEquals(
        new NatsCredentials.Token("t"), ConfigLoader.load(Map.of("NATS_TOKEN", "t")).credentials());
    assertEquals(
        new NatsCredentials.CredsFile(creds),
        ConfigLoader.load(Map.of("NATS_CREDS_FILE", creds.toString())).credentials());
  }

  @Test
  void rejectsAnUnreadableCredsFile(@TempDir Path dir) {
    assertEquals(
        List.of("NATS_CREDS_FILE"),
        variablesAtFault(Map.of("NATS_CREDS_FILE", dir.resolve("missing.creds").toString())));
  }

  @Test
  void theProbeReadsTheHealthPortAlone() throws InvalidConfigException {
    assertEquals(8080, ConfigLoader.healthPort(Map.of("NATS_URL", "broken")));
    assertEquals(9000, ConfigLoader.healthPort(Map.of("HEALTH_PORT", "9000")));
    assertThrows(
        InvalidConfigException.class, () -> ConfigLoader.healthPort(Map.of("HEALTH_PORT", "0")));
  }

  @Test
  void theTrainingConfigurationUsesAFreePortAQuickHeartbeatAndTheGivenServer()
      throws InvalidConfigException {
    ServiceConfig config = ConfigLoader.load(Map.of("NATS_CLIENT_ID", "md-2", "NATS_TOKEN", "t"));

    ServiceConfig training = config.forTraining("nats://127.0.0.1:1234");

    assertEquals(0, training.healthPort());
    assertEquals(List.of("nats://127.0.0.1:1234"), training.natsServers());
    assertEquals(Duration.ofMillis(50), training.heartbeatInterval());
    assertInstanceOf(NatsCredentials.None.class, training.credentials());
    assertEquals(config.clientId(), training.clientId());
  }
}
