package dev.marketdata.adapters.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them (500ms, 5s, 2m, 1h), read and spoken back; never PT0.5S. */
public final class DurationText {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {}

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

  /** The shortest exact form in the largest unit; below a millisecond, rounded down. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    for (var unit : new Object[][] {{3_600_000L, "h"}, {60_000L, "m"}, {1000L, "s"}}) {
      long size = (Long) unit[0];
      if (millis != 0 && millis % size == 0) {
        return millis / size + (String) unit[1];
      }
    }
    return millis + "ms";
  }
}
