package dev.marketdata.bootstrap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.bootstrap.config.ConfigLoader;
import dev.marketdata.bootstrap.config.InvalidConfigException;
import dev.marketdata.bootstrap.config.ServiceConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AotTrainingTest {

  @Test
  void trainsOnAFreeLoopbackPortWithAQuickHeartbeatAgainstTheStandInWithoutCredentials()
      throws InvalidConfigException {
    ServiceConfig config =
        ConfigLoader.load(Map.of("NATS_CLIENT_ID", "md-2", "NATS_TOKEN", "t", "HEALTH_PORT", "9"));

    ServiceConfig training = AotTraining.configFor(config, "nats://127.0.0.1:1234");

    assertEquals(0, training.healthPort());
    assertTrue(training.healthAddress().getAddress().isLoopbackAddress());
    assertEquals(List.of("nats://127.0.0.1:1234"), training.natsServers());
    assertEquals(AotTraining.HEARTBEAT_INTERVAL, training.heartbeatInterval());
    assertInstanceOf(NatsCredentials.None.class, training.credentials());
    assertEquals(config.clientId(), training.clientId());
    assertEquals(config.shutdownTimeout(), training.shutdownTimeout());
  }
}
