package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marketdata.adapters.config.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisspellingsTest {

  @Test
  void aNameWithinTwoEditsOfASettingIsReportedWithTheSuggestion() {
    List<String> warnings =
        Setting.misspellings(
            ServiceConfig.ALL, List.of("HEARTBEAT_INTERVALL", "NATS_ULR", "LOG_LEVLE"));

    assertEquals(
        List.of(
            "HEARTBEAT_INTERVALL is not a setting; did you mean HEARTBEAT_INTERVAL?",
            "LOG_LEVLE is not a setting; did you mean LOG_LEVEL?",
            "NATS_ULR is not a setting; did you mean NATS_URL?"),
        warnings);
  }

  @Test
  void settingsAndOtherToolsVariablesAreLeftAlone() {
    assertEquals(
        List.of(),
        Setting.misspellings(
            ServiceConfig.ALL,
            List.of("NATS_URL", "HOSTNAME", "PATH", "HOME", "JAVA_HOME", "NATS_PORT", "LANG")));
  }
}
