package dev.marketdata.bootstrap.config;

import dev.marketdata.bootstrap.process.BuildInfo;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every setting, declared once: name, purpose, default, parser with its bounds, secret or not.
 * Adding one means an entry here, in {@link #ALL}, and its use.
 */
public final class Settings {

  /** Set by Docker (the container id) and Kubernetes (the pod name); read, never required. */
  public static final String HOSTNAME = "HOSTNAME";

  public static final Setting<List<String>> NATS_URL =
      Setting.of(
          "NATS_URL", "NATS servers, comma-separated", "nats://localhost:4222", Parser.natsUrls());

  /** Replicas of one template must not share an identity: the host name is unique per replica. */
  public static final Setting<String> NATS_CLIENT_ID =
      new Setting<>(
          "NATS_CLIENT_ID",
          "this instance's id",
          new Setting.WhenUnset.Derived("the host name", HOSTNAME, Settings::clientIdFromHostName),
          Parser.subjectToken(),
          false);

  public static final Setting<String> NATS_CLUSTER_ID =
      Setting.of("NATS_CLUSTER_ID", "the deployment's name", "local", Parser.subjectToken());
  public static final Setting<Path> NATS_CREDS_FILE =
      Setting.optional("NATS_CREDS_FILE", "a NATS .creds file", Parser.readableFile(".creds file"));
  public static final Setting<String> NATS_USER =
      Setting.optional("NATS_USER", "user name, with its password", Parser.text());
  public static final Setting<String> NATS_PASSWORD =
      Setting.secret("NATS_PASSWORD", "password, with the user name");
  public static final Setting<String> NATS_TOKEN = Setting.secret("NATS_TOKEN", "token");

  /** Any TLS file turns TLS on, even with a nats:// URL; the files are read at every connect. */
  public static final Setting<Path> NATS_TLS_CA_FILE =
      Setting.optional("NATS_TLS_CA_FILE", "PEM CAs trusted for NATS; TLS on", Parser.path());

  public static final Setting<Path> NATS_TLS_CERT_FILE =
      Setting.optional("NATS_TLS_CERT_FILE", "PEM client cert chain; TLS on", Parser.path());
  public static final Setting<Path> NATS_TLS_KEY_FILE =
      Setting.optional("NATS_TLS_KEY_FILE", "its unencrypted PEM key; TLS on", Parser.path());

  /** Past 10 minutes an outage outlives the reason for reconnecting at all. */
  public static final Setting<Duration> NATS_RECONNECT_WAIT =
      Setting.of(
          "NATS_RECONNECT_WAIT",
          "pause between reconnect rounds",
          "2s",
          Parser.duration(Duration.ofMillis(100), Duration.ofMinutes(10)));

  /** 5 s with 2 pings out notices a hung server within 15 s; below 1 s pings are load. */
  public static final Setting<Duration> NATS_PING_INTERVAL =
      Setting.of(
          "NATS_PING_INTERVAL",
          "time between round-trip checks",
          "5s",
          Parser.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)));

  public static final Setting<Integer> NATS_MAX_PINGS_OUT =
      Setting.of(
          "NATS_MAX_PINGS_OUT",
          "unanswered checks before reconnect",
          "2",
          Parser.integer(1, 10, "a whole number from 1 to 10"));

  /** Must also be less than the shutdown timeout (checked by the loader). */
  public static final Setting<Duration> NATS_DRAIN_TIMEOUT =
      Setting.of(
          "NATS_DRAIN_TIMEOUT",
          "bound of the NATS drain at shutdown",
          "5s",
          Parser.duration(Duration.ofMillis(1), Duration.ofMinutes(10)));

  /** Orchestrators wait 10 s (Docker) to 30 s (Kubernetes) before they kill. */
  public static final Setting<Duration> SHUTDOWN_TIMEOUT =
      Setting.of(
          "SHUTDOWN_TIMEOUT",
          "bound of the whole shutdown",
          "8s",
          Parser.duration(Duration.ofMillis(1), Duration.ofMinutes(10)));

  /** Below 100 ms a heartbeat is load, not a sign of life. */
  public static final Setting<Duration> HEARTBEAT_INTERVAL =
      Setting.of(
          "HEARTBEAT_INTERVAL",
          "time between heartbeats",
          "5s",
          Parser.duration(Duration.ofMillis(100), Duration.ofHours(1)));

  public static final Setting<InetAddress> HEALTH_BIND =
      Setting.of("HEALTH_BIND", "address of the health endpoints", "0.0.0.0", Parser.address());
  public static final Setting<Integer> HEALTH_PORT =
      Setting.of(
          "HEALTH_PORT",
          "port of the health endpoints",
          "8080",
          Parser.integer(1, 65535, "a TCP port number from 1 to 65535"));
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
  public static final List<Setting<?>> ALL =
      List.of(
          NATS_URL,
          NATS_CLIENT_ID,
          NATS_CLUSTER_ID,
          NATS_CREDS_FILE,
          NATS_USER,
          NATS_PASSWORD,
          NATS_TOKEN,
          NATS_TLS_CA_FILE,
          NATS_TLS_CERT_FILE,
          NATS_TLS_KEY_FILE,
          NATS_RECONNECT_WAIT,
          NATS_PING_INTERVAL,
          NATS_MAX_PINGS_OUT,
          NATS_DRAIN_TIMEOUT,
          SHUTDOWN_TIMEOUT,
          HEARTBEAT_INTERVAL,
          HEALTH_BIND,
          HEALTH_PORT,
          LOG_LEVEL,
          LOG_FORMAT);

  private Settings() {}

  /** The host name made a valid subject token; the service's name when there is none. */
  static String clientIdFromHostName(String hostName) {
    if (hostName == null || hostName.isBlank()) {
      return BuildInfo.SERVICE_NAME;
    }
    String token = hostName.strip().replaceAll("[^A-Za-z0-9_-]", "-");
    return token.length() <= 64 ? token : token.substring(0, 64);
  }

  /**
   * Names that are probably a setting misspelt: within two edits of one, but not one. A warning,
   * not an error: other tools' variables may share a prefix.
   */
  public static List<String> misspellings(Collection<String> names) {
    Set<String> known = new HashSet<>();
    ALL.forEach(setting -> known.add(setting.name()));
    return names.stream()
        .filter(name -> !known.contains(name))
        .sorted()
        .flatMap(
            name ->
                ALL.stream()
                    .filter(setting -> editDistance(name, setting.name()) <= 2)
                    .findFirst()
                    .map(
                        setting -> name + " is not a setting; did you mean " + setting.name() + "?")
                    .stream())
        .toList();
  }

  /** Levenshtein's distance between two names. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
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
                  setting.accepts(),
                  setting.purpose()));
    }
    return table.toString();
  }
}
