package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.UrlMasking;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.domain.ServiceIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  public static final String NATS_PING_INTERVAL = "NATS_PING_INTERVAL";
  public static final String NATS_MAX_PINGS_OUT = "NATS_MAX_PINGS_OUT";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String LOG_FORMAT = "LOG_FORMAT";
  public static final String HEALTH_PORT = "HEALTH_PORT";
  public static final String HEALTH_BIND = "HEALTH_BIND";
  public static final String HEARTBEAT_INTERVAL = "HEARTBEAT_INTERVAL";
  public static final String SHUTDOWN_TIMEOUT = "SHUTDOWN_TIMEOUT";

  /** Every setting, in the order the README's table and the configuration log line list them. */
  public static final List<String> VARIABLES =
      List.of(
          NATS_URL,
          NATS_CLIENT_ID,
          NATS_CLUSTER_ID,
          NATS_CREDS_FILE,
          NATS_USER,
          NATS_PASSWORD,
          NATS_TOKEN,
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

  /** Set by Docker (the container id) and Kubernetes (the pod name); read, never required. */
  public static final String HOSTNAME = "HOSTNAME";

  public static final int DEFAULT_HEALTH_PORT = 8080;

  static final String DEFAULT_NATS_URL = "nats://localhost:4222";
  static final String DEFAULT_CLUSTER_ID = "local";
  static final String DEFAULT_LOG_LEVEL = "INFO";
  static final String DEFAULT_LOG_FORMAT = "json";
  static final int DEFAULT_MAX_PINGS_OUT = 2;
  private static final int MIN_PINGS_OUT = 1;
  private static final int MAX_PINGS_OUT = 10;

  /** The client id when neither NATS_CLIENT_ID nor a host name is known: the service's name. */
  static final String FALLBACK_CLIENT_ID = BuildInfo.SERVICE_NAME;

  /**
   * Far above any real server list (a dozen URLs), and small enough that a runaway value is
   * rejected at once instead of being parsed.
   */
  static final int MAX_URL_LIST_LENGTH = 8192;

  /** How much of an invalid value a problem line quotes. */
  static final int MAX_SHOWN_LENGTH = 120;

  private static final Set<String> URL_SCHEMES = Set.of("nats", "tls", "ws", "wss");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final Set<String> LOG_FORMATS = Set.of("json", "text");
  private static final String SECRET = "***";
  private static final String UNSET = "(unset)";
  private static final String EMPTY = "(empty)";

  private final Map<String, String> env;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ConfigLoader(EnvironmentSnapshot snapshot) {
    this.env = snapshot.variables();
    this.problems.addAll(snapshot.problems());
  }

  /**
   * Validates every variable.
   *
   * @param env the environment
   * @return the configuration
   * @throws InvalidConfigException listing every invalid variable
   */
  public static ServiceConfig load(Map<String, String> env) throws InvalidConfigException {
    return load(EnvironmentSnapshot.of(env));
  }

  /**
   * Validates every variable, reporting the problems of {@code .env} along with the others.
   *
   * @param snapshot the environment merged over {@code .env}
   * @return the configuration
   * @throws InvalidConfigException listing every problem
   */
  public static ServiceConfig load(EnvironmentSnapshot snapshot) throws InvalidConfigException {
    return new ConfigLoader(snapshot).load();
  }

  /**
   * Reads HEALTH_BIND and HEALTH_PORT alone, for the probe, which must stay cheap.
   *
   * @param env the environment
   * @return where the local health endpoints answer: the bound address, or loopback when the server
   *     listens on every interface
   * @throws InvalidConfigException when either is invalid
   */
  public static InetSocketAddress probeAddress(Map<String, String> env)
      throws InvalidConfigException {
    ConfigLoader loader = new ConfigLoader(EnvironmentSnapshot.of(env));
    int port = loader.port();
    InetAddress bind = loader.bindAddress();
    loader.throwIfInvalid();
    return new InetSocketAddress(
        bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind, port);
  }

  private ServiceConfig load() throws InvalidConfigException {
    List<String> servers = servers();
    String clientId = subjectToken(NATS_CLIENT_ID, clientIdFromHostName(env.get(HOSTNAME)));
    String clusterId = subjectToken(NATS_CLUSTER_ID, DEFAULT_CLUSTER_ID);
    NatsCredentials credentials = credentials();
    String logLevel = logLevel();
    String logFormat = logFormat();
    int healthPort = port();
    InetAddress healthBind = bindAddress();
    Duration heartbeat = duration(Bounds.HEARTBEAT_INTERVAL);
    Duration shutdown = duration(Bounds.SHUTDOWN_TIMEOUT);
    Duration drain = duration(Bounds.NATS_DRAIN_TIMEOUT);
    Duration reconnectWait = duration(Bounds.NATS_RECONNECT_WAIT);
    Duration pingInterval = duration(Bounds.NATS_PING_INTERVAL);
    int maxPingsOut = maxPingsOut();
    if (drain != null && shutdown != null && drain.compareTo(shutdown) >= 0) {
      problems.add(
          new ConfigProblem(
              NATS_DRAIN_TIMEOUT,
              DurationText.format(drain),
              "less than " + SHUTDOWN_TIMEOUT + " (" + DurationText.format(shutdown) + ")"));
    }
    throwIfInvalid();
    return new ServiceConfig(
        servers,
        clientId,
        clusterId,
        credentials,
        logLevel,
        logFormat,
        new InetSocketAddress(healthBind, healthPort),
        heartbeat,
        shutdown,
        drain,
        reconnectWait,
        pingInterval,
        maxPingsOut);
  }

  private void throwIfInvalid() throws InvalidConfigException {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }

  /**
   * The stripped value; the default when unset. A variable that is set but empty is a problem: a
   * template with an unset variable produces exactly that, and it must not mean "the default".
   */
  private Optional<String> value(String variable) {
    String raw = env.get(variable);
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.isBlank()) {
      problems.add(
          new ConfigProblem(variable, EMPTY, "a value; unset " + variable + " for the default"));
      return Optional.empty();
    }
    return Optional.of(raw.strip());
  }

  private String value(String variable, String defaultValue) {
    return value(variable).orElse(defaultValue);
  }

  private static String shown(String value) {
    return value.length() <= MAX_SHOWN_LENGTH
        ? value
        : value.substring(0, MAX_SHOWN_LENGTH) + "… (" + value.length() + " characters)";
  }

  private List<String> servers() {
    String raw = value(NATS_URL, DEFAULT_NATS_URL);
    if (raw.length() > MAX_URL_LIST_LENGTH) {
      problems.add(
          new ConfigProblem(
              NATS_URL,
              "(" + raw.length() + " characters, not shown)",
              "at most " + MAX_URL_LIST_LENGTH + " characters"));
      return List.of();
    }
    List<String> servers = new ArrayList<>();
    for (String candidate : raw.split(",", -1)) {
      String url = candidate.strip();
      if (!isValidServerUrl(url)) {
        problems.add(
            new ConfigProblem(
                NATS_URL,
                shown(UrlMasking.mask(raw)),
                "a comma-separated list of URLs like nats://host:4222 (schemes nats, tls, ws,"
                    + " wss; port 1-65535; percent-encode / @ : % and spaces in a password, or"
                    + " use NATS_USER and NATS_PASSWORD)"));
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

  /**
   * Replicas started from one template must not share an identity: without NATS_CLIENT_ID, the id
   * is the host name (unique per container or pod, stable for its lifetime), made a valid subject
   * token.
   *
   * @param hostName the host name, or null
   * @return a valid client id
   */
  static String clientIdFromHostName(String hostName) {
    if (hostName == null || hostName.isBlank()) {
      return FALLBACK_CLIENT_ID;
    }
    String token = hostName.strip().replaceAll("[^A-Za-z0-9_-]", "-");
    return token.length() <= 64 ? token : token.substring(0, 64);
  }

  private String subjectToken(String variable, String defaultValue) {
    String value = value(variable, defaultValue);
    if (!ServiceIdentity.isValidId(value)) {
      problems.add(new ConfigProblem(variable, shown(value), ServiceIdentity.ID_SYNTAX));
    }
    return value;
  }

  /** Checks each method on its own, then that at most one is set: every problem at once. */
  private NatsCredentials credentials() {
    Optional<String> credsFile = value(NATS_CREDS_FILE);
    Optional<String> user = value(NATS_USER);
    Optional<String> password = secret(NATS_PASSWORD);
    Optional<String> token = secret(NATS_TOKEN);
    if (credsFile.isPresent()) {
      Path file = Path.of(credsFile.get());
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problems.add(
            new ConfigProblem(NATS_CREDS_FILE, shown(credsFile.get()), "a readable .creds file"));
      }
    }
    if (user.isPresent() != password.isPresent()) {
      String missing = user.isPresent() ? NATS_PASSWORD : NATS_USER;
      String given = user.isPresent() ? NATS_USER : NATS_PASSWORD;
      if (env.get(missing) == null) {
        problems.add(new ConfigProblem(missing, UNSET, "set together with " + given));
      }
    }
    int methods =
        (credsFile.isPresent() ? 1 : 0)
            + (user.isPresent() || password.isPresent() ? 1 : 0)
            + (token.isPresent() ? 1 : 0);
    if (methods > 1) {
      problems.add(
          new ConfigProblem(
              NATS_CREDS_FILE + "/" + NATS_USER + "/" + NATS_TOKEN,
              SECRET,
              "at most one authentication method: a creds file, a user and password, or a token"));
    }
    if (credsFile.isPresent()) {
      return new NatsCredentials.CredsFile(Path.of(credsFile.get()));
    }
    if (user.isPresent() && password.isPresent()) {
      return new NatsCredentials.UserPassword(user.get(), password.get());
    }
    return token
        .<NatsCredentials>map(NatsCredentials.Token::new)
        .orElseGet(NatsCredentials.None::new);
  }

  /** A secret is taken as written (spaces may be part of it), but must not be empty. */
  private Optional<String> secret(String variable) {
    String raw = env.get(variable);
    if (raw != null && raw.isEmpty()) {
      problems.add(new ConfigProblem(variable, EMPTY, "a value, or leave " + variable + " unset"));
      return Optional.empty();
    }
    return Optional.ofNullable(raw);
  }

  private String logLevel() {
    String value = value(LOG_LEVEL, DEFAULT_LOG_LEVEL);
    String upper = value.toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(upper)) {
      problems.add(
          new ConfigProblem(LOG_LEVEL, shown(value), "one of TRACE, DEBUG, INFO, WARN, ERROR"));
    }
    return upper;
  }

  private String logFormat() {
    String value = value(LOG_FORMAT, DEFAULT_LOG_FORMAT);
    if (!LOG_FORMATS.contains(value)) {
      problems.add(
          new ConfigProblem(
              LOG_FORMAT, shown(value), "json (one JSON object per line) or text (for people)"));
    }
    return value;
  }

  /**
   * What a variable is when unset, and what it accepts where that is a range, for the usage text:
   * from the same constants the loader uses.
   *
   * @param variable one of {@link #VARIABLES}
   * @return e.g. {@code default 2s (100ms-10m)}; empty when it has no default of its own
   */
  public static String defaultAndRange(String variable) {
    for (Bounds bounds : Bounds.values()) {
      if (bounds.name().equals(variable)) {
        return "default " + bounds.defaultText() + " (" + bounds.range() + ")";
      }
    }
    return switch (variable) {
      case NATS_URL -> "default " + DEFAULT_NATS_URL;
      case NATS_CLIENT_ID -> "default the host name";
      case NATS_CLUSTER_ID -> "default " + DEFAULT_CLUSTER_ID;
      case NATS_MAX_PINGS_OUT ->
          "default " + DEFAULT_MAX_PINGS_OUT + " (" + MIN_PINGS_OUT + "-" + MAX_PINGS_OUT + ")";
      case HEALTH_BIND -> "default all interfaces";
      case HEALTH_PORT -> "default " + DEFAULT_HEALTH_PORT;
      case LOG_LEVEL -> "default " + DEFAULT_LOG_LEVEL;
      case LOG_FORMAT -> "default " + DEFAULT_LOG_FORMAT;
      default -> "";
    };
  }

  /**
   * LOG_FORMAT alone, so that even the lines reporting an invalid configuration come in the format
   * asked for.
   *
   * @param env the environment
   * @return the format asked for, when valid
   */
  public static Optional<String> logFormat(Map<String, String> env) {
    return Optional.ofNullable(env.get(LOG_FORMAT))
        .map(String::strip)
        .filter(LOG_FORMATS::contains);
  }

  private int port() {
    String value = value(HEALTH_PORT, Integer.toString(DEFAULT_HEALTH_PORT));
    return integer(HEALTH_PORT, value, 1, 65535, "a TCP port number from 1 to 65535")
        .orElse(DEFAULT_HEALTH_PORT);
  }

  private int maxPingsOut() {
    String value = value(NATS_MAX_PINGS_OUT, Integer.toString(DEFAULT_MAX_PINGS_OUT));
    return integer(
            NATS_MAX_PINGS_OUT,
            value,
            MIN_PINGS_OUT,
            MAX_PINGS_OUT,
            "a whole number from " + MIN_PINGS_OUT + " to " + MAX_PINGS_OUT)
        .orElse(DEFAULT_MAX_PINGS_OUT);
  }

  private Optional<Integer> integer(
      String variable, String value, int min, int max, String expected) {
    if (value.length() <= 10) {
      try {
        int number = Integer.parseInt(value);
        if (number >= min && number <= max) {
          return Optional.of(number);
        }
      } catch (NumberFormatException e) {
        // reported below, with what would have been valid
      }
    }
    problems.add(new ConfigProblem(variable, shown(value), expected));
    return Optional.empty();
  }

  private InetAddress bindAddress() {
    Optional<String> value = value(HEALTH_BIND);
    if (value.isEmpty()) {
      return new InetSocketAddress(0).getAddress();
    }
    try {
      return InetAddress.ofLiteral(value.get());
    } catch (IllegalArgumentException e) {
      problems.add(
          new ConfigProblem(
              HEALTH_BIND,
              shown(value.get()),
              "an IPv4 or IPv6 address literal such as 0.0.0.0, 127.0.0.1 or ::"));
      return new InetSocketAddress(0).getAddress();
    }
  }

  private Duration duration(Bounds bounds) {
    String variable = bounds.name();
    String value = value(variable, bounds.defaultText());
    Optional<Duration> parsed = DurationText.parse(value);
    if (parsed.isPresent() && bounds.contains(parsed.get())) {
      return parsed.get();
    }
    problems.add(new ConfigProblem(variable, shown(value), bounds.expected()));
    return null;
  }

  /**
   * The default and the accepted range of each duration setting, named after its variable: one home
   * for all of them.
   */
  enum Bounds {
    /** Below 100 ms a heartbeat is load, not a sign of life. */
    HEARTBEAT_INTERVAL("5s", Duration.ofMillis(100), Duration.ofHours(1)),
    /** Orchestrators wait 10 s (Docker) to 30 s (Kubernetes) before they kill. */
    SHUTDOWN_TIMEOUT("8s", Duration.ofMillis(1), Duration.ofMinutes(10)),
    /** Must also be less than SHUTDOWN_TIMEOUT. */
    NATS_DRAIN_TIMEOUT("5s", Duration.ofMillis(1), Duration.ofMinutes(10)),
    /** Past 10 minutes an outage outlives the reason for reconnecting at all. */
    NATS_RECONNECT_WAIT("2s", Duration.ofMillis(100), Duration.ofMinutes(10)),
    /**
     * 5 s with 2 pings out notices a hung server within 15 s (readiness fails before a 20 s
     * budget); below 1 s pings are load on every server of the cluster.
     */
    NATS_PING_INTERVAL("5s", Duration.ofSeconds(1), Duration.ofMinutes(10));

    private final String defaultText;
    private final Duration min;
    private final Duration max;

    Bounds(String defaultText, Duration min, Duration max) {
      this.defaultText = defaultText;
      this.min = min;
      this.max = max;
    }

    String defaultText() {
      return defaultText;
    }

    boolean contains(Duration duration) {
      return duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0;
    }

    String range() {
      return DurationText.format(min) + "-" + DurationText.format(max);
    }

    String expected() {
      return "a duration from "
          + DurationText.format(min)
          + " to "
          + DurationText.format(max)
          + ", written like 500ms, 5s, 2m or 1h";
    }
  }
}
