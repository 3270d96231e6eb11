package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README, .env.example and the compose file say what the settings table says. */
class SettingsDocumentationTest {

  private static final Path ROOT = Path.of("..");
  private static final String BEGIN = "<!-- settings table: generated from Settings, checked -->";
  private static final String END = "<!-- end of settings table -->";
  private static final Map<String, Setting<?>> BY_NAME =
      Settings.ALL.stream().collect(Collectors.toMap(Setting::name, s -> s));

  @Test
  void theReadmeTableIsTheSettingsTable() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "README.md lacks the lines " + BEGIN + " and " + END);

    String table = readme.substring(begin + BEGIN.length(), end).strip();

    assertEquals(Settings.markdownTable().strip(), table, "paste the expected table into README");
  }

  /** Lines like {@code #HEARTBEAT_INTERVAL=5s}: a setting's line shows its default. */
  @Test
  void dotenvExampleNamesEverySettingAndShowsOnlyDefaults() throws IOException {
    String example = Files.readString(ROOT.resolve(".env.example"));
    Map<String, String> assigned = assignments(example, "^#?([A-Z][A-Z0-9_]*)=(.*)$");

    for (Setting<?> setting : Settings.ALL) {
      assertTrue(example.contains(setting.name()), setting.name() + " is not in .env.example");
    }
    assigned.forEach(
        (name, value) -> {
          if (BY_NAME.containsKey(name)) {
            assertEquals(defaultOf(name), value, ".env.example's default of " + name);
          }
        });
  }

  /** Values like {@code ${HEARTBEAT_INTERVAL:-5s}}: the stack's fallback is the default. */
  @Test
  void theComposeFileFallsBackToTheDefaults() throws IOException {
    Map<String, String> fallbacks =
        assignments(
            Files.readString(ROOT.resolve("docker-compose.yml")),
            "^\\s*([A-Z][A-Z0-9_]*): \\$\\{\\1:-([^}]*)}$");
    Set<String> stackChosen = Set.of(Settings.NATS_URL.name());

    assertTrue(fallbacks.containsKey(Settings.HEARTBEAT_INTERVAL.name()), fallbacks.toString());
    fallbacks.forEach(
        (name, value) -> {
          if (BY_NAME.containsKey(name) && !stackChosen.contains(name)) {
            assertEquals(defaultOf(name), value, "docker-compose.yml's fallback for " + name);
          }
        });
  }

  private static String defaultOf(String name) {
    return BY_NAME.get(name).whenUnset() instanceof Setting.WhenUnset.Value(String text)
        ? text
        : "(no default)";
  }

  private static Map<String, String> assignments(String text, String regex) {
    Map<String, String> found = new TreeMap<>();
    Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    while (matcher.find()) {
      found.put(matcher.group(1), matcher.group(2).strip());
    }
    return found;
  }
}
