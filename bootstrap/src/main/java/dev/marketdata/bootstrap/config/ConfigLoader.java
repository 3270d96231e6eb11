package dev.marketdata.bootstrap.config;

import static dev.marketdata.bootstrap.config.Settings.HEALTH_BIND;
import static dev.marketdata.bootstrap.config.Settings.HEALTH_PORT;
import static dev.marketdata.bootstrap.config.Settings.HEARTBEAT_INTERVAL;
import static dev.marketdata.bootstrap.config.Settings.LOG_FORMAT;
import static dev.marketdata.bootstrap.config.Settings.LOG_LEVEL;
import static dev.marketdata.bootstrap.config.Settings.NATS_CLIENT_ID;
import static dev.marketdata.bootstrap.config.Settings.NATS_CLUSTER_ID;
import static dev.marketdata.bootstrap.config.Settings.NATS_CREDS_FILE;
import static dev.marketdata.bootstrap.config.Settings.NATS_DRAIN_TIMEOUT;
import static dev.marketdata.bootstrap.config.Settings.NATS_MAX_PINGS_OUT;
import static dev.marketdata.bootstrap.config.Settings.NATS_PASSWORD;
import static dev.marketdata.bootstrap.config.Settings.NATS_PING_INTERVAL;
import static dev.marketdata.bootstrap.config.Settings.NATS_RECONNECT_WAIT;
import static dev.marketdata.bootstrap.config.Settings.NATS_TLS_CA_FILE;
import static dev.marketdata.bootstrap.config.Settings.NATS_TLS_CERT_FILE;
import static dev.marketdata.bootstrap.config.Settings.NATS_TLS_KEY_FILE;
import static dev.marketdata.bootstrap.config.Settings.NATS_TOKEN;
import static dev.marketdata.bootstrap.config.Settings.NATS_URL;
import static dev.marketdata.bootstrap.config.Settings.NATS_USER;
import static dev.marketdata.bootstrap.config.Settings.SHUTDOWN_TIMEOUT;

import dev.marketdata.adapters.out.nats.NatsCredentials;
import dev.marketdata.adapters.out.nats.NatsTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns environment variables into a {@link ServiceConfig} by the rules of {@link Settings},
 * collecting every problem before giving up so that an operator fixes them all in one go.
 */
public final class ConfigLoader {

  private static final String EMPTY = "(empty)";

  private final Map<String, String> env;
  private final Instant now;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ConfigLoader(EnvironmentSnapshot snapshot, Instant now) {
    this.env = snapshot.variables();
    this.now = now;
    this.problems.addAll(snapshot.problems());
  }

  /** Validates every variable. */
  public static ServiceConfig load(Map<String, String> env) throws InvalidConfigException {
    return load(EnvironmentSnapshot.of(env));
  }

  /** Validates every variable, reporting the problems of {@code .env} along with the others. */
  public static ServiceConfig load(EnvironmentSnapshot snapshot) throws InvalidConfigException {
    return load(snapshot, Instant.now());
  }

  /** Validates every variable at a given time, which decides whether a certificate has expired. */
  public static ServiceConfig load(EnvironmentSnapshot snapshot, Instant now)
      throws InvalidConfigException {
    return new ConfigLoader(snapshot, now).load();
  }

  /** Reads the health address alone, for the probe, which must stay cheap. */
  public static InetSocketAddress probeAddress(Map<String, String> env)
      throws InvalidConfigException {
    ConfigLoader loader = new ConfigLoader(EnvironmentSnapshot.of(env), Instant.EPOCH);
    InetSocketAddress address = loader.healthAddress();
    loader.throwIfInvalid();
    return address.getAddress().isAnyLocalAddress()
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort())
        : address;
  }

  /**
   * The log format alone, so that even the lines reporting an invalid configuration come in the
   * format asked for.
   */
  public static Optional<String> logFormat(Map<String, String> env) {
    return LOG_FORMAT.text(env).flatMap(LOG_FORMAT.parser()::parse);
  }

  private ServiceConfig load() throws InvalidConfigException {
    List<String> servers = required(NATS_URL);
    String clientId = required(NATS_CLIENT_ID);
    String clusterId = required(NATS_CLUSTER_ID);
    NatsCredentials credentials = credentials();
    NatsTls tls = tls();
    Duration reconnectWait = required(NATS_RECONNECT_WAIT);
    Duration pingInterval = required(NATS_PING_INTERVAL);
    Integer maxPingsOut = required(NATS_MAX_PINGS_OUT);
    Duration drain = required(NATS_DRAIN_TIMEOUT);
    Duration shutdown = required(SHUTDOWN_TIMEOUT);
    Duration heartbeat = required(HEARTBEAT_INTERVAL);
    InetSocketAddress healthAddress = healthAddress();
    String logLevel = required(LOG_LEVEL);
    String logFormat = required(LOG_FORMAT);
    if (drain != null && shutdown != null && drain.compareTo(shutdown) >= 0) {
      problems.add(
          new ConfigProblem(
              NATS_DRAIN_TIMEOUT.name(),
              DurationText.format(drain),
              "less than " + SHUTDOWN_TIMEOUT.name() + " (" + DurationText.format(shutdown) + ")"));
    }
    throwIfInvalid();
    return new ServiceConfig(
        servers,
        clientId,
        clusterId,
        credentials,
        tls,
        logLevel,
        logFormat,
        healthAddress,
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

  /** Empty when unset without a default, or invalid (a problem recorded; set-but-empty is one). */
  private <T> Optional<T> read(Setting<T> setting) {
    String raw = env.get(setting.name());
    if (raw != null && (setting.secret() ? raw.isEmpty() : raw.isBlank())) {
      problems.add(
          new ConfigProblem(
              setting.name(), EMPTY, "a value, or leave " + setting.name() + " unset"));
      return Optional.empty();
    }
    Optional<String> text = setting.text(env);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<T> value = setting.parser().parse(text.get());
    if (value.isEmpty()) {
      problems.add(
          new ConfigProblem(
              setting.name(),
              setting.secret() ? "***" : setting.parser().quote().apply(text.get()),
              setting.parser().expected()));
    }
    return value;
  }

  /** For a setting with a default: its value, or null when invalid (reported). */
  private <T> T required(Setting<T> setting) {
    return read(setting).orElse(null);
  }

  private InetSocketAddress healthAddress() {
    Integer port = required(HEALTH_PORT);
    return read(HEALTH_BIND)
        .map(bind -> new InetSocketAddress(bind, port == null ? 0 : port))
        .orElseGet(() -> new InetSocketAddress(0));
  }

  /** The paths first, then, when they are all given, what the files hold: every problem at once. */
  private NatsTls tls() {
    Optional<Path> ca = read(NATS_TLS_CA_FILE);
    Optional<Path> cert = read(NATS_TLS_CERT_FILE);
    Optional<Path> key = read(NATS_TLS_KEY_FILE);
    boolean certSet = env.containsKey(NATS_TLS_CERT_FILE.name());
    if (certSet != env.containsKey(NATS_TLS_KEY_FILE.name())) {
      Setting<Path> missing = certSet ? NATS_TLS_KEY_FILE : NATS_TLS_CERT_FILE;
      Setting<Path> given = certSet ? NATS_TLS_CERT_FILE : NATS_TLS_KEY_FILE;
      problems.add(
          new ConfigProblem(missing.name(), "(unset)", "set together with " + given.name()));
      return NatsTls.none();
    }
    NatsTls tls = new NatsTls(ca, cert, key);
    if (tls.configured()) {
      // Another class: the TLS classes it uses are then loaded only when TLS is asked for.
      problems.addAll(TlsFilesCheck.problems(tls, now));
    }
    return tls;
  }

  /** Checks each method on its own, then that at most one is set: every problem at once. */
  private NatsCredentials credentials() {
    Optional<Path> credsFile = read(NATS_CREDS_FILE);
    Optional<String> user = read(NATS_USER);
    Optional<String> password = read(NATS_PASSWORD);
    Optional<String> token = read(NATS_TOKEN);
    boolean credsFileSet = env.containsKey(NATS_CREDS_FILE.name());
    boolean userSet = env.containsKey(NATS_USER.name());
    boolean passwordSet = env.containsKey(NATS_PASSWORD.name());
    if (userSet != passwordSet) {
      Setting<String> missing = userSet ? NATS_PASSWORD : NATS_USER;
      Setting<String> given = userSet ? NATS_USER : NATS_PASSWORD;
      problems.add(
          new ConfigProblem(missing.name(), "(unset)", "set together with " + given.name()));
    }
    int methods =
        (credsFileSet ? 1 : 0)
            + (userSet || passwordSet ? 1 : 0)
            + (env.containsKey(NATS_TOKEN.name()) ? 1 : 0);
    if (methods > 1) {
      problems.add(
          new ConfigProblem(
              NATS_CREDS_FILE.name() + "/" + NATS_USER.name() + "/" + NATS_TOKEN.name(),
              "***",
              "at most one authentication method: a creds file, a user and password, or a token"));
    }
    if (credsFile.isPresent()) {
      return new NatsCredentials.CredsFile(credsFile.get());
    }
    if (user.isPresent() && password.isPresent()) {
      return new NatsCredentials.UserPassword(user.get(), password.get());
    }
    return token
        .<NatsCredentials>map(NatsCredentials.Token::new)
        .orElseGet(NatsCredentials.None::new);
  }
}
