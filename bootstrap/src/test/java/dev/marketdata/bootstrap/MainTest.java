package dev.marketdata.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.bootstrap.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

  private static List<String> variableLines() {
    return Main.usage().lines().filter(line -> line.matches("  [A-Z_]+ .*")).toList();
  }

  @Test
  void theUsageListsEveryVariableTheLoaderReadsOnceEach() {
    List<String> listed =
        variableLines().stream().map(line -> line.strip().split(" ", 2)[0]).toList();

    assertEquals(
        ConfigLoader.VARIABLES.stream().sorted().toList(), listed.stream().sorted().toList());
  }

  @Test
  void theUsageShowsTheDefaultsAndRangesTheLoaderApplies() {
    List<String> lines = variableLines();

    assertTrue(
        lines.contains(
            "  NATS_RECONNECT_WAIT  pause between reconnect rounds       default 2s (100ms-10m)"),
        String.join("\n", lines));
    for (String variable : ConfigLoader.VARIABLES) {
      String line =
          lines.stream().filter(l -> l.startsWith("  " + variable + " ")).findFirst().orElseThrow();
      assertTrue(line.endsWith(ConfigLoader.defaultAndRange(variable)), line);
    }
  }
}
