package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every setting's effective value and its source, secrets as {@code ***}: "which value won?" */
public final class EffectiveConfiguration {

  private EffectiveConfiguration() {}

  /** Describes the configuration of a snapshot the loader accepted. */
  public static Map<String, Map<String, String>> describe(EnvironmentSnapshot snapshot) {
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      settings.put(
          setting.name(),
          Map.of("value", shown(setting, snapshot), "source", setting.source(snapshot)));
    }
    return settings;
  }

  private static <T> String shown(Setting<T> setting, EnvironmentSnapshot snapshot) {
    return setting
        .text(snapshot.variables())
        .map(
            text ->
                setting.secret()
                    ? "***"
                    : setting.parser().parse(text).map(setting.parser().show()).orElse("(invalid)"))
        .orElse("(unset)");
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
}
