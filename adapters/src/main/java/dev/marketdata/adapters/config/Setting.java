package dev.marketdata.adapters.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** One environment variable, declared once beside its use; loaded, listed and documented. */
public record Setting<T>(
    String name, String purpose, WhenUnset whenUnset, Parser<T> parser, boolean secret) {
  private static final LevenshteinDistance EDITS = new LevenshteinDistance(2);

  public sealed interface WhenUnset {
    /** A value, as the variable would be written. */
    record Value(String text) implements WhenUnset {}

    /** Derived from another variable that the platform sets. */
    record Derived(String description, String source, UnaryOperator<String> derive)
        implements WhenUnset {}

    /** Nothing: the feature the setting turns on stays off. */
    record Nothing() implements WhenUnset {}
  }

  public static <T> Setting<T> of(String name, String purpose, String value, Parser<T> parser) {
    return new Setting<>(name, purpose, new WhenUnset.Value(value), parser, false);
  }

  /** A duration with a default and bounds, both as operators write them: "2s", "100ms-10m". */
  public static Setting<Duration> duration(
      String name, String purpose, String value, String range) {
    int dash = range.indexOf('-');
    Duration min = DurationText.parse(range.substring(0, dash)).orElseThrow();
    Duration max = DurationText.parse(range.substring(dash + 1)).orElseThrow();
    return of(name, purpose, value, Parser.duration(min, max));
  }

  public static <T> Setting<T> optional(String name, String purpose, Parser<T> parser) {
    return new Setting<>(name, purpose, new WhenUnset.Nothing(), parser, false);
  }

  public static Setting<String> secret(String name, String purpose) {
    return new Setting<>(name, purpose, new WhenUnset.Nothing(), Parser.text(), true);
  }

  /** The text that applies: the variable's own, else what {@link #whenUnset} gives. */
  Optional<String> text(Map<String, String> env) {
    String raw = env.get(name);
    if (raw != null) {
      return Optional.of(secret ? raw : raw.strip());
    }
    return switch (whenUnset) {
      case WhenUnset.Value(String text) -> Optional.of(text);
      case WhenUnset.Derived derived ->
          Optional.of(derived.derive().apply(env.get(derived.source())));
      case WhenUnset.Nothing nothing -> Optional.empty();
    };
  }

  public String defaultText() {
    return switch (whenUnset) {
      case WhenUnset.Value(String text) -> text;
      case WhenUnset.Derived derived -> derived.description();
      case WhenUnset.Nothing nothing -> "unset";
    };
  }

  /** Names within two edits of a setting but not one: a warning, other tools share prefixes. */
  public static List<String> misspellings(List<Setting<?>> all, Collection<String> names) {
    return names.stream()
        .filter(name -> all.stream().noneMatch(setting -> setting.name().equals(name)))
        .sorted()
        .flatMap(
            name ->
                all.stream()
                    .filter(setting -> EDITS.apply(name, setting.name()) >= 0)
                    .findFirst()
                    .map(s -> name + " is not a setting; did you mean " + s.name() + "?")
                    .stream())
        .toList();
  }
}
