package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.config.DurationText;
import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.adapters.config.Parser;
import dev.marketdata.adapters.config.Setting;
import dev.marketdata.adapters.in.http.HttpSettings;
import dev.marketdata.adapters.in.schedule.HeartbeatScheduler;
import dev.marketdata.adapters.out.nats.NatsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One start's configuration: each adapter's settings, and the process's own, read at once. */
public record ServiceConfig(
    NatsSettings nats,
    HttpSettings http,
    Duration heartbeatInterval,
    Duration shutdownTimeout,
    Duration drainTimeout,
    String logLevel) {
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

  /** The table of every setting, in the order the README, {@code --help} and the log list them. */
  public static final List<Setting<?>> ALL = all();

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(NatsSettings.SETTINGS);
    all.addAll(List.of(NATS_DRAIN_TIMEOUT, SHUTDOWN_TIMEOUT, HeartbeatScheduler.INTERVAL));
    all.addAll(HttpSettings.SETTINGS);
    all.addAll(List.of(LOG_LEVEL, LOG_FORMAT));
    return List.copyOf(all);
  }

  public static ServiceConfig load(Map<String, String> variables) throws InvalidConfigException {
    return load(Env.of(variables));
  }

  public static ServiceConfig load(Env env) throws InvalidConfigException {
    return env.load(ServiceConfig::from);
  }

  private static ServiceConfig from(Env env) {
    // In the table's order, so that problems are reported in it.
    NatsSettings nats = NatsSettings.from(env);
    Duration drain = env.get(NATS_DRAIN_TIMEOUT);
    Duration shutdown = env.get(SHUTDOWN_TIMEOUT);
    Duration heartbeat = env.get(HeartbeatScheduler.INTERVAL);
    HttpSettings http = HttpSettings.from(env);
    ServiceConfig config =
        new ServiceConfig(nats, http, heartbeat, shutdown, drain, env.get(LOG_LEVEL));
    env.get(LOG_FORMAT);
    if (drain != null && shutdown != null && drain.compareTo(shutdown) >= 0) {
      env.problem(
          NATS_DRAIN_TIMEOUT.name(),
          DurationText.format(drain),
          "less than %s (%s)".formatted(SHUTDOWN_TIMEOUT.name(), DurationText.format(shutdown)));
    }
    return config;
  }
}
