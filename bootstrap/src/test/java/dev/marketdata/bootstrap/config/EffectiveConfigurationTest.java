package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.adapters.config.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectiveConfigurationTest {

  @Test
  void describesEverySettingWithItsValueAndSource() throws InvalidConfigException {
    Env snapshot =
        Env.of(
            Map.of(
                "NATS_URL", "nats://tok3n@n1:4222",
                "NATS_TOKEN", "t0ken",
                "SHUTDOWN_TIMEOUT", "20s",
                "LOG_FORMAT", "text"),
            Set.of("SHUTDOWN_TIMEOUT"),
            List.of());
    ServiceConfig config = ServiceConfig.load(snapshot);

    Map<String, Map<String, String>> settings = snapshot.describe(ServiceConfig.ALL);

    assertEquals(
        ServiceConfig.ALL.stream().map(Setting::name).toList(), List.copyOf(settings.keySet()));
    assertEquals(
        Map.of("value", "nats://***@n1:4222", "source", "environment"), settings.get("NATS_URL"));
    assertEquals(Map.of("value", "***", "source", "environment"), settings.get("NATS_TOKEN"));
    assertEquals(Map.of("value", "20s", "source", ".env"), settings.get("SHUTDOWN_TIMEOUT"));
    assertEquals(Map.of("value", "5s", "source", "default"), settings.get("HEARTBEAT_INTERVAL"));
    assertEquals(Map.of("value", "(unset)", "source", "default"), settings.get("NATS_PASSWORD"));
    assertEquals("text", settings.get("LOG_FORMAT").get("value"));
    assertFalse(settings.toString().contains("t0ken"), settings.toString());
    assertFalse(settings.toString().contains("tok3n"), settings.toString());
    assertEquals("token", config.nats().credentials().method());
  }
}
