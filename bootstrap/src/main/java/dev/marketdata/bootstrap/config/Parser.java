package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.UrlMasking;
import dev.marketdata.domain.ServiceIdentity;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** How a setting's text becomes its value, and how both are shown to people. */
public record Parser<T>(
    Function<String, Optional<T>> read,
    String accepts,
    String expected,
    Function<T, String> show,
    Function<String, String> quote) {

  /** How much of an invalid value a problem line quotes. */
  static final int MAX_QUOTED_LENGTH = 120;

  /**
   * Far above any real server list (a dozen URLs), and small enough that a runaway value is
   * rejected at once instead of being parsed.
   */
  static final int MAX_URL_LIST_LENGTH = 8192;

  private static final Set<String> URL_SCHEMES = Set.of("nats", "tls", "ws", "wss");

  Optional<T> parse(String text) {
    return read.apply(text);
  }

  static String quoted(String text) {
    return text.length() <= MAX_QUOTED_LENGTH
        ? text
        : text.substring(0, MAX_QUOTED_LENGTH) + "… (" + text.length() + " characters)";
  }

  private static <T> Parser<T> of(
      Function<String, Optional<T>> read,
      String accepts,
      String expected,
      Function<T, String> show) {
    return new Parser<>(read, accepts, expected, show, Parser::quoted);
  }

  static Parser<String> text() {
    return of(Optional::of, "any text", "any text", Function.identity());
  }

  static Parser<Duration> duration(Duration min, Duration max) {
    String range = DurationText.format(min) + "-" + DurationText.format(max);
    return of(
        text ->
            DurationText.parse(text).filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0),
        range,
        "a duration from "
            + DurationText.format(min)
            + " to "
            + DurationText.format(max)
            + ", written like 500ms, 5s, 2m or 1h",
        DurationText::format);
  }

  static Parser<Integer> integer(int min, int max, String expected) {
    return of(
        text -> {
          try {
            int number = text.length() <= 10 ? Integer.parseInt(text) : min - 1;
            return number >= min && number <= max ? Optional.of(number) : Optional.empty();
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        },
        min + "-" + max,
        expected,
        String::valueOf);
  }

  /** One of a few words, matched without regard to case and given back in the case listed. */
  static Parser<String> oneOf(List<String> words, String expected) {
    return of(
        text -> words.stream().filter(word -> word.equalsIgnoreCase(text)).findFirst(),
        String.join(", ", words),
        expected,
        Function.identity());
  }

  static Parser<String> subjectToken() {
    return of(
        text -> Optional.of(text).filter(ServiceIdentity::isValidId),
        "A-Z a-z 0-9 _ - (1-64)",
        ServiceIdentity.ID_SYNTAX,
        Function.identity());
  }

  static Parser<Path> readableFile(String what) {
    return of(
        text -> {
          Path file = Path.of(text);
          return Files.isRegularFile(file) && Files.isReadable(file)
              ? Optional.of(file)
              : Optional.empty();
        },
        "a file path",
        "a readable " + what,
        Path::toString);
  }

  /** Any path: what the file must hold is checked where it is read. */
  static Parser<Path> path() {
    return of(text -> Optional.of(Path.of(text)), "a file path", "a file path", Path::toString);
  }

  static Parser<InetAddress> address() {
    return of(
        text -> {
          try {
            return Optional.of(InetAddress.ofLiteral(text));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        },
        "an IP address",
        "an IPv4 or IPv6 address literal such as 0.0.0.0, 127.0.0.1 or ::",
        InetAddress::getHostAddress);
  }

  /** Credentials in a URL are masked wherever it is shown, valid or not. */
  static Parser<List<String>> natsUrls() {
    return new Parser<>(
        Parser::servers,
        "nats, tls, ws, wss URLs",
        "a comma-separated list of URLs like nats://host:4222 (schemes nats, tls, ws, wss; port"
            + " 1-65535; percent-encode / @ : % and spaces in a password, or set the user and password"
            + " apart; at most "
            + MAX_URL_LIST_LENGTH
            + " characters)",
        servers -> UrlMasking.mask(String.join(",", servers)),
        text ->
            text.length() > MAX_URL_LIST_LENGTH
                ? "(" + text.length() + " characters, not shown)"
                : quoted(UrlMasking.mask(text)));
  }

  private static Optional<List<String>> servers(String text) {
    if (text.length() > MAX_URL_LIST_LENGTH) {
      return Optional.empty();
    }
    List<String> servers = new ArrayList<>();
    for (String candidate : text.split(",", -1)) {
      String url = candidate.strip();
      if (!isValidServerUrl(url)) {
        return Optional.empty();
      }
      servers.add(url);
    }
    return Optional.of(List.copyOf(servers));
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
}
