package dev.marketdata.bootstrap.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One environment variable the service reads: declared once, in {@link Settings}, and from there
 * loaded, listed by {@code --help}, shown in the configuration line and checked against the README.
 */
public record Setting<T>(
    String name, String purpose, WhenUnset whenUnset, Parser<T> parser, boolean secret) {

  /** What a setting means when it is not set. */
  public sealed interface WhenUnset {
    /** A value, as the variable would be written. */
    record Value(String text) implements WhenUnset {}

    /** Derived from another variable that the platform sets. */
    record Derived(String description, String source, UnaryOperator<String> derive)
        implements WhenUnset {}

    /** Nothing: the feature the setting turns on stays off. */
    record Nothing() implements WhenUnset {}
  }

  static <T> Setting<T> of(String name, String purpose, String defaultText, Parser<T> parser) {
    return new Setting<>(name, purpose, new WhenUnset.Value(defaultText), parser, false);
  }

  static <T> Setting<T> optional(String name, String purpose, Parser<T> parser) {
    return new Setting<>(name, purpose, new WhenUnset.Nothing(), parser, false);
  }

  static Setting<String> secret(String name, String purpose) {
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

  /** Where the value that applies comes from. */
  String source(EnvironmentSnapshot snapshot) {
    if (snapshot.variables().containsKey(name)) {
      return snapshot.sourceOf(name);
    }
    return whenUnset instanceof WhenUnset.Derived derived
            && snapshot.variables().containsKey(derived.source())
        ? derived.source()
        : "default";
  }

  /** The default as the README and {@code --help} show it. */
  public String defaultText() {
    return switch (whenUnset) {
      case WhenUnset.Value(String text) -> text;
      case WhenUnset.Derived derived -> derived.description();
      case WhenUnset.Nothing nothing -> "unset";
    };
  }

  /** What it accepts, as the README and {@code --help} show it. */
  public String accepts() {
    return parser.accepts();
  }
}
