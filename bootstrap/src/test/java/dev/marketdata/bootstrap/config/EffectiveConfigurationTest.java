package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectiveConfigurationTest {

  @Test
  void describesEverySettingWithItsValueAndSource() throws InvalidConfigException {
    EnvironmentSnapshot snapshot =
        new EnvironmentSnapshot(
            Map.of(
                "NATS_URL", "nats://tok3n@n1:4222",
                "NATS_TOKEN", "t0ken",
                "SHUTDOWN_TIMEOUT", "20s",
                "LOG_FORMAT", "text"),
            Set.of("SHUTDOWN_TIMEOUT"),
            List.of(),
            true);
    ServiceConfig config = ConfigLoader.load(snapshot);

    Map<String, Map<String, String>> settings = EffectiveConfiguration.describe(snapshot);

    assertEquals(Settings.ALL.stream().map(Setting::name).toList(), List.copyOf(settings.keySet()));
    assertEquals(
        Map.of("value", "nats://***@n1:4222", "source", "environment"), settings.get("NATS_URL"));
    assertEquals(Map.of("value", "***", "source", "environment"), settings.get("NATS_TOKEN"));
    assertEquals(Map.of("value", "20s", "source", ".env"), settings.get("SHUTDOWN_TIMEOUT"));
    assertEquals(Map.of("value", "5s", "source", "default"), settings.get("HEARTBEAT_INTERVAL"));
    assertEquals(Map.of("value", "(unset)", "source", "default"), settings.get("NATS_PASSWORD"));
    assertEquals("text", settings.get("LOG_FORMAT").get("value"));
    assertFalse(settings.toString().contains("t0ken"), settings.toString());
    assertFalse(settings.toString().contains("tok3n"), settings.toString());
    assertEquals("token", EffectiveConfiguration.authentication(config.credentials()));
  }

  @Test
  void namesEachAuthenticationMethodWithoutItsSecret() {
    assertEquals("none", EffectiveConfiguration.authentication(new NatsCredentials.None()));
    assertEquals(
        "user", EffectiveConfiguration.authentication(new NatsCredentials.UserPassword("u", "p")));
  }
}
