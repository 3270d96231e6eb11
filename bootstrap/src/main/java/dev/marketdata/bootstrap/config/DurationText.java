package dev.marketdata.bootstrap.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}), both ways:
 * settings are read in this form and log lines speak it back, never ISO-8601's {@code PT0.5S}.
 */
public final class DurationText {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {}

  /** Parses a positive integer with a unit. */
  public static Optional<Duration> parse(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
  }

  /**
   * The shortest exact form in the largest unit: {@code 2ms}, {@code 1500ms}, {@code 5s}, {@code
   * 2m}, {@code 1h}. Below a millisecond, the value is rounded down to whole milliseconds.
   */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis != 0 && millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
