package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.config.DurationText;
import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.adapters.in.http.HttpSettings;
import dev.marketdata.adapters.in.schedule.HeartbeatTask;
import dev.marketdata.adapters.out.nats.NatsSettings;
import java.time.Duration;
import java.util.Map;

/** One start's configuration: each adapter's settings, and the process's own. */
public record ServiceConfig(
    NatsSettings nats,
    HttpSettings http,
    Duration heartbeatInterval,
    Duration shutdownTimeout,
    Duration drainTimeout,
    String logLevel) {

  public static ServiceConfig load(Map<String, String> variables) throws InvalidConfigException {
    return load(Env.of(variables));
  }

  /** Every setting read, every problem reported at once. */
  public static ServiceConfig load(Env env) throws InvalidConfigException {
    return env.load(ServiceConfig::from);
  }

  private static ServiceConfig from(Env env) {
    // In the table's order, so that problems are reported in it.
    NatsSettings nats = NatsSettings.from(env);
    Duration drain = env.get(Settings.NATS_DRAIN_TIMEOUT);
    Duration shutdown = env.get(Settings.SHUTDOWN_TIMEOUT);
    Duration heartbeat = env.get(HeartbeatTask.INTERVAL);
    HttpSettings http = HttpSettings.from(env);
    ServiceConfig config =
        new ServiceConfig(nats, http, heartbeat, shutdown, drain, env.get(Settings.LOG_LEVEL));
    env.get(Settings.LOG_FORMAT);
    if (drain != null && shutdown != null && drain.compareTo(shutdown) >= 0) {
      env.problem(
          Settings.NATS_DRAIN_TIMEOUT.name(),
          DurationText.format(drain),
          "less than %s (%s)"
              .formatted(Settings.SHUTDOWN_TIMEOUT.name(), DurationText.format(shutdown)));
    }
    return config;
  }
}
