package dev.marketdata.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.config.Setting;
import dev.marketdata.adapters.out.nats.NatsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README and .env.example say what the settings table says; the stack files restate none. */
class SettingsDocumentationTest {

  private static final Path ROOT = Path.of("..");
  private static final String BEGIN =
      "<!-- settings table: generated from ServiceConfig.ALL, checked -->";
  private static final String END = "<!-- end of settings table -->";
  private static final Map<String, Setting<?>> BY_NAME =
      ServiceConfig.ALL.stream().collect(Collectors.toMap(Setting::name, s -> s));

  @Test
  void theReadmeTableIsTheSettingsTable() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "README.md lacks the lines " + BEGIN + " and " + END);

    String table = readme.substring(begin + BEGIN.length(), end).strip();

    assertEquals(markdownTable().strip(), table, "paste the expected table into README");
  }

  /** The settings as the README's configuration table lists them, one Markdown row each. */
  private static String markdownTable() {
    StringBuilder table =
        new StringBuilder("| Variable | Default | Accepts | Purpose |\n|---|---|---|---|\n");
    for (Setting<?> setting : ServiceConfig.ALL) {
      table.append(
          "| `%s` | %s | %s | %s |%n"
              .formatted(
                  setting.name(),
                  setting.whenUnset() instanceof Setting.WhenUnset.Value(String text)
                      ? "`" + text + "`"
                      : setting.defaultText(),
                  setting.parser().accepts(),
                  setting.purpose()));
    }
    return table.toString();
  }

  /** Lines like {@code #HEARTBEAT_INTERVAL=5s}: a setting's line shows its default. */
  @Test
  void dotenvExampleNamesEverySettingAndShowsOnlyDefaults() throws IOException {
    String example = Files.readString(ROOT.resolve(".env.example"));
    Map<String, String> assigned = assignments(example, "^#?([A-Z][A-Z0-9_]*)=(.*)$");

    for (Setting<?> setting : ServiceConfig.ALL) {
      assertTrue(example.contains(setting.name()), setting.name() + " is not in .env.example");
    }
    assigned.forEach(
        (name, value) -> {
          if (BY_NAME.containsKey(name)) {
            assertEquals(defaultOf(name), value, ".env.example's default of " + name);
          }
        });
  }

  /** The stack passes settings through: a default written there would be a second one. */
  @Test
  void theStackFilesRestateNoDefault() throws IOException {
    for (String file : List.of("docker-compose.yml", "deploy/swarm/stack.yml")) {
      Map<String, String> fallbacks =
          assignments(Files.readString(ROOT.resolve(file)), "\\$\\{([A-Z][A-Z0-9_]*):-([^}]*)}");
      fallbacks.keySet().retainAll(BY_NAME.keySet());
      // The one value the stack chooses itself: its own NATS.
      fallbacks.remove(NatsSettings.URL.name());

      assertEquals(Map.of(), fallbacks, file);
    }
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
