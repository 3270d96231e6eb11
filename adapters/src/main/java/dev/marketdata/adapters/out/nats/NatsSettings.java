package dev.marketdata.adapters.out.nats;

import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.Parser;
import dev.marketdata.adapters.config.Secret;
import dev.marketdata.adapters.config.Setting;
import dev.marketdata.domain.ServiceIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What the NATS adapter needs, and the settings it is read from: declared here, once. */
public record NatsSettings(
    List<String> servers,
    String clientId,
    String clusterId,
    NatsCredentials credentials,
    NatsTls tls,
    Duration reconnectWait,
    Duration pingInterval,
    int maxPingsOut) {

  static final int MAX_URL_LIST_LENGTH = 8192;
  private static final Set<String> SCHEMES = Set.of("nats", "tls", "ws", "wss");
  private static final String SUBJECT_PREFIX = "marketdata.heartbeat.";

  public static final Setting<List<String>> URL =
      Setting.of("NATS_URL", "NATS servers, comma-separated", "nats://localhost:4222", urls());

  /** Replicas of one template must not share an identity: the host name is unique per replica. */
  public static final Setting<String> CLIENT_ID =
      new Setting<>(
          "NATS_CLIENT_ID",
          "this instance's id",
          new Setting.WhenUnset.Derived("the host name", Env.HOSTNAME, NatsSettings::fromHostName),
          Parser.subjectToken(),
          false);

  public static final Setting<String> CLUSTER_ID =
      Setting.of("NATS_CLUSTER_ID", "the deployment's name", "local", Parser.subjectToken());
  public static final Setting<Path> CREDS_FILE =
      Setting.optional("NATS_CREDS_FILE", "a NATS .creds file", Parser.readableFile(".creds file"));
  public static final Setting<String> USER =
      Setting.optional("NATS_USER", "user name, with its password", Parser.text());
  public static final Setting<String> PASSWORD =
      Setting.secret("NATS_PASSWORD", "password, with the user name");
  public static final Setting<String> TOKEN = Setting.secret("NATS_TOKEN", "token");

  /** Past 10 minutes an outage outlives the reason for reconnecting at all. */
  public static final Setting<Duration> RECONNECT_WAIT =
      Setting.duration("NATS_RECONNECT_WAIT", "pause between reconnect rounds", "2s", "100ms-10m");

  /** 5 s with 2 pings out notices a hung server within 15 s; below 1 s pings are load. */
  public static final Setting<Duration> PING_INTERVAL =
      Setting.duration("NATS_PING_INTERVAL", "time between round-trip checks", "5s", "1s-10m");

  public static final Setting<Integer> MAX_PINGS_OUT =
      Setting.of(
          "NATS_MAX_PINGS_OUT",
          "unanswered checks before reconnect",
          "2",
          Parser.integer(1, 10, "a whole number from 1 to 10"));

  public static final List<Setting<?>> SETTINGS =
      List.of(
          URL,
          CLIENT_ID,
          CLUSTER_ID,
          CREDS_FILE,
          USER,
          PASSWORD,
          TOKEN,
          NatsTls.CA_FILE,
          NatsTls.CERT_FILE,
          NatsTls.KEY_FILE,
          RECONNECT_WAIT,
          PING_INTERVAL,
          MAX_PINGS_OUT);

  public static NatsSettings from(Env env) {
    return new NatsSettings(
        env.get(URL),
        env.get(CLIENT_ID),
        env.get(CLUSTER_ID),
        credentials(env),
        NatsTls.from(env),
        env.get(RECONNECT_WAIT),
        env.get(PING_INTERVAL),
        Optional.ofNullable(env.get(MAX_PINGS_OUT)).orElse(1));
  }

  /** Each method checked on its own, then that at most one is set: every problem at once. */
  private static NatsCredentials credentials(Env env) {
    Optional<Path> credsFile = env.optional(CREDS_FILE);
    Optional<String> user = env.optional(USER);
    Optional<String> password = env.optional(PASSWORD);
    Optional<String> token = env.optional(TOKEN);
    env.together(USER, PASSWORD);
    int methods =
        (env.isSet(CREDS_FILE) ? 1 : 0)
            + (env.isSet(USER) || env.isSet(PASSWORD) ? 1 : 0)
            + (env.isSet(TOKEN) ? 1 : 0);
    if (methods > 1) {
      env.problem(
          CREDS_FILE.name() + "/" + USER.name() + "/" + TOKEN.name(),
          "***",
          "at most one authentication method: a creds file, a user and password, or a token");
    }
    if (credsFile.isPresent()) {
      return new NatsCredentials.CredsFile(credsFile.get());
    }
    if (user.isPresent() && password.isPresent()) {
      return new NatsCredentials.UserPassword(user.get(), new Secret(password.get()));
    }
    return token
        .<NatsCredentials>map(t -> new NatsCredentials.Token(new Secret(t)))
        .orElseGet(NatsCredentials.None::new);
  }

  /** The wire contract consumers subscribe to: marketdata.heartbeat.> for every instance. */
  public String heartbeatSubject() {
    return SUBJECT_PREFIX + clusterId + "." + clientId;
  }

  static String heartbeatSubjects(Optional<String> clusterId) {
    return SUBJECT_PREFIX + clusterId.map(id -> id + ".*").orElse(">");
  }

  /** The servers as logs show them: credentials in a URL masked. */
  public String shownServers() {
    return shown(servers);
  }

  private static String shown(List<String> servers) {
    return UrlMasking.mask(String.join(",", servers));
  }

  /** TLS when a TLS file is set, or a URL's scheme asks for it. */
  public boolean usesTls() {
    return tls.configured()
        || servers.stream().anyMatch(u -> u.regionMatches(true, 0, "tls://", 0, 6));
  }

  public static String fromHostName(String hostName) {
    if (hostName == null || hostName.isBlank()) {
      return ServiceIdentity.SERVICE_NAME;
    }
    String token = hostName.strip().replaceAll("[^A-Za-z0-9_-]", "-");
    return token.length() <= 64 ? token : token.substring(0, 64);
  }

  /** Credentials in a URL are masked wherever it is shown, valid or not. */
  private static Parser<List<String>> urls() {
    return new Parser<>(
        NatsSettings::servers,
        "nats, tls, ws, wss URLs",
        "a comma-separated list of URLs like nats://host:4222 (schemes nats, tls, ws, wss; port"
            + " 1-65535; percent-encode / @ : % and spaces in a password, or set the user and"
            + " password apart; at most "
            + MAX_URL_LIST_LENGTH
            + " characters)",
        NatsSettings::shown,
        text ->
            text.length() > MAX_URL_LIST_LENGTH
                ? "(" + text.length() + " characters, not shown)"
                : Parser.quoted(UrlMasking.mask(text)));
  }

  private static Optional<List<String>> servers(String text) {
    if (text.length() > MAX_URL_LIST_LENGTH) {
      return Optional.empty();
    }
    List<String> servers = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
    return servers.stream().allMatch(NatsSettings::isServerUrl)
        ? Optional.of(servers)
        : Optional.empty();
  }

  private static boolean isServerUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() != null
          && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null
          && (uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535))
          && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
