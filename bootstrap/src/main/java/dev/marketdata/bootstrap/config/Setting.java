package dev.marketdata.bootstrap.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One environment variable the service reads: declared once, in {@link Settings}, and from there
 * loaded, listed by {@code --help}, shown in the configuration line and checked against the README.
 *
 * @param name the variable
 * @param purpose what it is for, in a few words
 * @param whenUnset what applies when it is not set
 * @param parser how its text is read, with its bounds
 * @param secret whether its value is never shown (and taken as written, spaces included)
 * @param <T> the type of its value
 */
public record Setting<T>(
    String name, String purpose, WhenUnset whenUnset, Parser<T> parser, boolean secret) {

  /** What a setting means when it is not set. */
  public sealed interface WhenUnset {
    /** A value, as the variable would be written. */
    record Value(String text) implements WhenUnset {}

    /**
     * Derived from another variable that the platform sets.
     *
     * @param description what the derived value is, for people
     * @param source the variable it is derived from
     * @param derive from that variable's value, or null when it is not set, to the setting's text
     */
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

  /**
   * The text that applies: the variable's own, else what {@link #whenUnset} gives.
   *
   * @param env the environment
   * @return the text to parse; empty when unset without a default
   */
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

  /**
   * Where the value that applies comes from.
   *
   * @param snapshot the environment, with what came from {@code .env}
   * @return {@code environment}, {@code .env}, {@code default}, or the variable a default is
   *     derived from
   */
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
