package dev.marketdata.adapters.config;

import dev.marketdata.domain.ServiceIdentity;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** How a setting's text becomes its value, and how both are shown to people. */
public record Parser<T>(
    Function<String, Optional<T>> read,
    String accepts,
    String expected,
    Function<T, String> show,
    Function<String, String> quote) {

  static final int MAX_QUOTED_LENGTH = 120;

  Optional<T> parse(String text) {
    return read.apply(text);
  }

  public static String quoted(String text) {
    return text.length() <= MAX_QUOTED_LENGTH
        ? text
        : text.substring(0, MAX_QUOTED_LENGTH) + "… (" + text.length() + " characters)";
  }

  public static <T> Parser<T> of(
      Function<String, Optional<T>> read,
      String accepts,
      String expected,
      Function<T, String> show) {
    return new Parser<>(read, accepts, expected, show, Parser::quoted);
  }

  public static Parser<String> text() {
    return of(Optional::of, "any text", "any text", Function.identity());
  }

  public static Parser<Duration> duration(Duration min, Duration max) {
    String from = DurationText.format(min);
    String to = DurationText.format(max);
    return of(
        text ->
            DurationText.parse(text).filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0),
        from + "-" + to,
        "a duration from " + from + " to " + to + ", written like 500ms, 5s, 2m or 1h",
        DurationText::format);
  }

  public static Parser<Integer> integer(int min, int max, String expected) {
    return of(
        text ->
            Optional.of(text)
                .filter(digits -> digits.matches("\\d{1,9}"))
                .map(Integer::valueOf)
                .filter(n -> n >= min && n <= max),
        min + "-" + max,
        expected,
        String::valueOf);
  }

  /** One of a few words, in any case, given back in the case listed. */
  public static Parser<String> oneOf(List<String> words, String expected) {
    return of(
        text -> words.stream().filter(word -> word.equalsIgnoreCase(text)).findFirst(),
        String.join(", ", words),
        expected,
        Function.identity());
  }

  public static Parser<String> subjectToken() {
    return of(
        text -> Optional.of(text).filter(ServiceIdentity::isValidId),
        "A-Z a-z 0-9 _ - (1-64)",
        ServiceIdentity.ID_SYNTAX,
        Function.identity());
  }

  public static Parser<Path> readableFile(String what) {
    return of(
        text ->
            Optional.of(Path.of(text)).filter(f -> Files.isRegularFile(f) && Files.isReadable(f)),
        "a file path",
        "a readable " + what,
        Path::toString);
  }

  /** Any path: what the file must hold is checked where it is read. */
  public static Parser<Path> path() {
    return of(text -> Optional.of(Path.of(text)), "a file path", "a file path", Path::toString);
  }

  public static Parser<InetAddress> address() {
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
}
