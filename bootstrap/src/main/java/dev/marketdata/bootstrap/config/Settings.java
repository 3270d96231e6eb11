package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.config.Parser;
import dev.marketdata.adapters.config.Setting;
import dev.marketdata.adapters.in.http.HttpSettings;
import dev.marketdata.adapters.in.schedule.HeartbeatTask;
import dev.marketdata.adapters.out.nats.NatsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The table of every setting: each adapter's, declared where it is used, and the process's own. */
public final class Settings {
  /** Must also be less than the shutdown timeout (checked by the loader). */
  public static final Setting<Duration> NATS_DRAIN_TIMEOUT =
      Setting.duration(
          "NATS_DRAIN_TIMEOUT", "bound of the NATS drain at shutdown", "5s", "1ms-10m");

  /** Orchestrators wait 10 s (Docker) to 30 s (Kubernetes) before they kill. */
  public static final Setting<Duration> SHUTDOWN_TIMEOUT =
      Setting.duration("SHUTDOWN_TIMEOUT", "bound of the whole shutdown", "8s", "1ms-10m");

  public static final Setting<String> LOG_LEVEL =
      Setting.of(
          "LOG_LEVEL",
          "how much is logged",
          "INFO",
          Parser.oneOf(
              List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
              "one of TRACE, DEBUG, INFO, WARN, ERROR"));
  public static final Setting<String> LOG_FORMAT =
      Setting.of(
          "LOG_FORMAT",
          "json (containers) or text (people)",
          "json",
          Parser.oneOf(
              List.of("json", "text"), "json (one JSON object per line) or text (for people)"));

  /** In the order the README, {@code --help} and the configuration line list them. */
  public static final List<Setting<?>> ALL = all();

  private Settings() {}

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(NatsSettings.SETTINGS);
    all.addAll(List.of(NATS_DRAIN_TIMEOUT, SHUTDOWN_TIMEOUT, HeartbeatTask.INTERVAL));
    all.addAll(HttpSettings.SETTINGS);
    all.addAll(List.of(LOG_LEVEL, LOG_FORMAT));
    return List.copyOf(all);
  }

  /** The settings as the README's configuration table lists them, one Markdown row each. */
  public static String markdownTable() {
    StringBuilder table =
        new StringBuilder("| Variable | Default | Accepts | Purpose |\n|---|---|---|---|\n");
    for (Setting<?> setting : ALL) {
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
}
