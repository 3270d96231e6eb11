package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.UrlMasking;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns environment variables into a {@link ServiceConfig}, collecting every problem before giving
 * up so that an operator fixes them all in one go.
 */
public final class ConfigLoader {

  public static final String NATS_URL = "NATS_URL";
  public static final String NATS_CLIENT_ID = "NATS_CLIENT_ID";
  public static final String NATS_CLUSTER_ID = "NATS_CLUSTER_ID";
  public static final String NATS_CREDS_FILE = "NATS_CREDS_FILE";
  public static final String NATS_USER = "NATS_USER";
  public static final String NATS_PASSWORD = "NATS_PASSWORD";
  public static final String NATS_TOKEN = "NATS_TOKEN";
  public static final String NATS_DRAIN_TIMEOUT = "NATS_DRAIN_TIMEOUT";
  public static final String NATS_RECONNECT_WAIT = "NATS_RECONNECT_WAIT";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String HEALTH_PORT = "HEALTH_PORT";
  public static final String HEARTBEAT_INTERVAL = "HEARTBEAT_INTERVAL";
  public static final String SHUTDOWN_TIMEOUT = "SHUTDOWN_TIMEOUT";

  public static final int DEFAULT_HEALTH_PORT = 8080;

  private static final Set<String> URL_SCHEMES = Set.of("nats", "tls", "ws", "wss");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final Pattern SUBJECT_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final String DURATION_HINT = "a positive duration such as 500ms, 5s, 2m or 1h";
  private static final String SECRET = "***";

  private final Map<String, String> env;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Validates every variable.
   *
   * @param env the environment (real variables merged over {@code .env})
   * @return the configuration
   * @throws InvalidConfigException listing every invalid variable
   */
  public static ServiceConfig load(Map<String, String> env) throws InvalidConfigException {
    return new ConfigLoader(env).load();
  }

  /**
   * Reads HEALTH_PORT alone, for the probe, which must stay cheap.
   *
   * @param env the environment
   * @return the port
   * @throws InvalidConfigException when HEALTH_PORT is invalid
   */
  public static int healthPort(Map<String, String> env) throws InvalidConfigException {
    ConfigLoader loader = new ConfigLoader(env);
    int port = loader.port();
    loader.throwIfInvalid();
    return port;
  }

  private ServiceConfig load() throws InvalidConfigException {
    List<String> servers = servers();
    String clientId = subjectToken(NATS_CLIENT_ID, "market-data-service");
    String clusterId = subjectToken(NATS_CLUSTER_ID, "local");
    NatsCredentials credentials = credentials();
    String logLevel = logLevel();
    int healthPort = port();
    Duration heartbeat = duration(HEARTBEAT_INTERVAL, "5s");
    Duration shutdown = duration(SHUTDOWN_TIMEOUT, "8s");
    Duration drain = duration(NATS_DRAIN_TIMEOUT, "5s");
    Duration reconnectWait = duration(NATS_RECONNECT_WAIT, "2s");
    if (drain != null && shutdown != null && drain.compareTo(shutdown) >= 0) {
      problems.add(
          new ConfigProblem(
              NATS_DRAIN_TIMEOUT,
              value(NATS_DRAIN_TIMEOUT, "5s"),
              "less than " + SHUTDOWN_TIMEOUT + " (" + value(SHUTDOWN_TIMEOUT, "8s") + ")"));
    }
    throwIfInvalid();
    return new ServiceConfig(
        servers,
        clientId,
        clusterId,
        credentials,
        logLevel,
        healthPort,
        heartbeat,
        shutdown,
        drain,
        reconnectWait);
  }

  private void throwIfInvalid() throws InvalidConfigException {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }

  private String value(String variable, String defaultValue) {
    String raw = env.get(variable);
    return raw == null || raw.isBlank() ? defaultValue : raw.strip();
  }

  private List<String> servers() {
    String raw = value(NATS_URL, "nats://localhost:4222");
    List<String> servers = new ArrayList<>();
    for (String candidate : raw.split(",", -1)) {
      String url = candidate.strip();
      if (!isValidServerUrl(url)) {
        problems.add(
            new ConfigProblem(
                NATS_URL,
                UrlMasking.mask(raw),
                "a comma-separated list of URLs like nats://host:4222 (schemes nats, tls, ws,"
                    + " wss; port 1-65535)"));
        return List.of();
      }
      servers.add(url);
    }
    return servers;
  }

  private static boolean isValidServerUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() != null
          && URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null
          && (uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535))
          && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private String subjectToken(String variable, String defaultValue) {
    String value = value(variable, defaultValue);
    if (!SUBJECT_TOKEN.matcher(value).matches()) {
      problems.add(
          new ConfigProblem(
              variable, value, "1-64 characters of A-Z a-z 0-9 _ - (one NATS subject token)"));
    }
    return value;
  }

  private NatsCredentials credentials() {
    String credsFile = env.get(NATS_CREDS_FILE);
    String user = env.get(NATS_USER);
    String password = env.get(NATS_PASSWORD);
    String token = env.get(NATS_TOKEN);
    int methods =
        (present(credsFile) ? 1 : 0)
            + (present(user) || present(password) ? 1 : 0)
            + (present(token) ? 1 : 0);
    if (methods > 1) {
      problems.add(
          new ConfigProblem(
              NATS_CREDS_FILE + "/" + NATS_USER + "/" + NATS_TOKEN,
              SECRET,
              "at most one authentication method: a creds file, a user and password, or a token"));
      return new NatsCredentials.None();
    }
    if (present(credsFile)) {
      Path file = Path.of(credsFile.strip());
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problems.add(new ConfigProblem(NATS_CREDS_FILE, credsFile, "a readable .creds file"));
      }
      return new NatsCredentials.CredsFile(file);
    }
    if (present(user) != present(password)) {
      String missing = present(user) ? NATS_PASSWORD : NATS_USER;
      problems.add(
          new ConfigProblem(
              missing,
              "(unset)",
              "set together with " + (present(user) ? NATS_USER : NATS_PASSWORD)));
      return new NatsCredentials.None();
    }
    if (present(user)) {
      return new NatsCredentials.UserPassword(user.strip(), password);
    }
    if (present(token)) {
      return new NatsCredentials.Token(token.strip());
    }
    return new NatsCredentials.None();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private String logLevel() {
    String value = value(LOG_LEVEL, "INFO");
    String upper = value.toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(upper)) {
      problems.add(new ConfigProblem(LOG_LEVEL, value, "one of TRACE, DEBUG, INFO, WARN, ERROR"));
    }
    return upper;
  }

  private int port() {
    String value = value(HEALTH_PORT, Integer.toString(DEFAULT_HEALTH_PORT));
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with what would have been valid
    }
    problems.add(new ConfigProblem(HEALTH_PORT, value, "a TCP port number from 1 to 65535"));
    return DEFAULT_HEALTH_PORT;
  }

  private Duration duration(String variable, String defaultValue) {
    String value = value(variable, defaultValue);
    Matcher matcher = DURATION.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration duration =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          };
      if (!duration.isZero()) {
        return duration;
      }
    }
    problems.add(new ConfigProblem(variable, value, DURATION_HINT));
    return null;
  }
}
