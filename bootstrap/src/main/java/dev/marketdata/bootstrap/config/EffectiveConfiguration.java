package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.UrlMasking;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a start runs with: every setting's effective value and where it came from, secrets shown as
 * {@code ***}. Logged once, before anything connects, so that "which value won?" never needs a
 * guess.
 */
public final class EffectiveConfiguration {

  private static final String HIDDEN = "***";
  private static final String UNSET = "(unset)";

  private EffectiveConfiguration() {}

  /**
   * Describes the configuration.
   *
   * @param snapshot the raw settings, for their sources
   * @param config the validated configuration, for the effective values
   * @return per variable, {@code {"value": …, "source": environment|.env|default|HOSTNAME}}
   */
  public static Map<String, Map<String, String>> describe(
      EnvironmentSnapshot snapshot, ServiceConfig config) {
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    for (String variable : ConfigLoader.VARIABLES) {
      String source = snapshot.sourceOf(variable);
      if (variable.equals(ConfigLoader.NATS_CLIENT_ID)
          && source.equals("default")
          && snapshot.variables().containsKey(ConfigLoader.HOSTNAME)) {
        source = ConfigLoader.HOSTNAME;
      }
      settings.put(variable, Map.of("value", value(variable, config), "source", source));
    }
    return settings;
  }

  /** How the service authenticates, never with the secret: none, user, token or creds-file. */
  public static String authentication(NatsCredentials credentials) {
    return switch (credentials) {
      case NatsCredentials.None none -> "none";
      case NatsCredentials.UserPassword userPassword -> "user";
      case NatsCredentials.Token token -> "token";
      case NatsCredentials.CredsFile credsFile -> "creds-file";
    };
  }

  private static String value(String variable, ServiceConfig config) {
    return switch (variable) {
      case ConfigLoader.NATS_URL -> UrlMasking.mask(String.join(",", config.natsServers()));
      case ConfigLoader.NATS_CLIENT_ID -> config.clientId();
      case ConfigLoader.NATS_CLUSTER_ID -> config.clusterId();
      case ConfigLoader.NATS_CREDS_FILE ->
          config.credentials() instanceof NatsCredentials.CredsFile(var file)
              ? file.toString()
              : UNSET;
      case ConfigLoader.NATS_USER ->
          config.credentials() instanceof NatsCredentials.UserPassword(String user, String pw)
              ? user
              : UNSET;
      case ConfigLoader.NATS_PASSWORD ->
          config.credentials() instanceof NatsCredentials.UserPassword ? HIDDEN : UNSET;
      case ConfigLoader.NATS_TOKEN ->
          config.credentials() instanceof NatsCredentials.Token ? HIDDEN : UNSET;
      case ConfigLoader.NATS_RECONNECT_WAIT -> DurationText.format(config.reconnectWait());
      case ConfigLoader.NATS_PING_INTERVAL -> DurationText.format(config.pingInterval());
      case ConfigLoader.NATS_MAX_PINGS_OUT -> Integer.toString(config.maxPingsOut());
      case ConfigLoader.NATS_DRAIN_TIMEOUT -> DurationText.format(config.drainTimeout());
      case ConfigLoader.SHUTDOWN_TIMEOUT -> DurationText.format(config.shutdownTimeout());
      case ConfigLoader.HEARTBEAT_INTERVAL -> DurationText.format(config.heartbeatInterval());
      case ConfigLoader.HEALTH_BIND -> config.healthAddress().getAddress().getHostAddress();
      case ConfigLoader.HEALTH_PORT -> Integer.toString(config.healthPort());
      case ConfigLoader.LOG_LEVEL -> config.logLevel();
      case ConfigLoader.LOG_FORMAT -> config.logFormat();
      default -> throw new IllegalArgumentException("not a setting: " + variable);
    };
  }
}
