package dev.marketdata.adapters.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The variables of one start, and every problem found reading them, reported at once. */
public final class Env {
  /** Set by Docker (the container id) and Kubernetes (the pod name); read, never required. */
  public static final String HOSTNAME = "HOSTNAME";

  private final Map<String, String> variables;
  private final Set<String> fromDotenv;
  private final boolean dotenvRead;
  private final List<ConfigProblem> problems;

  private Env(
      Map<String, String> variables,
      Set<String> fromDotenv,
      List<ConfigProblem> problems,
      boolean dotenvRead) {
    this.variables = Map.copyOf(variables);
    this.fromDotenv = Set.copyOf(fromDotenv);
    this.problems = new ArrayList<>(problems);
    this.dotenvRead = dotenvRead;
  }

  public static Env of(Map<String, String> variables) {
    return of(variables, Set.of(), List.of());
  }

  /** As {@link #read} makes it: some variables from .env, and the problems found reading it. */
  public static Env of(
      Map<String, String> variables, Set<String> fromDotenv, List<ConfigProblem> problems) {
    return new Env(variables, fromDotenv, problems, !fromDotenv.isEmpty() || !problems.isEmpty());
  }

  /** The process environment over {@code ./.env}: real variables win. */
  public static Env read() {
    Path file = Path.of(DotenvFile.NAME);
    DotenvFile dotenv = DotenvFile.read(file);
    Map<String, String> merged = new HashMap<>(dotenv.values());
    merged.putAll(System.getenv());
    // Shells set HOSTNAME without exporting it; the kernel's name is the same fact.
    if (!merged.containsKey(HOSTNAME)) {
      kernelHostName().ifPresent(name -> merged.put(HOSTNAME, name));
    }
    Set<String> fromDotenv = new HashSet<>(dotenv.values().keySet());
    fromDotenv.removeAll(System.getenv().keySet());
    return new Env(merged, fromDotenv, dotenv.problems(), Files.exists(file));
  }

  private static Optional<String> kernelHostName() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip())
          .filter(name -> !name.isEmpty());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Builds settings from these variables, or throws with every problem found. */
  public <T> T load(Function<Env, T> from) throws InvalidConfigException {
    T value = from.apply(this);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return value;
  }

  /** Empty when unset without a default, or invalid: a problem recorded (set but empty is one). */
  public <T> Optional<T> optional(Setting<T> setting) {
    String raw = variables.get(setting.name());
    if (raw != null && (setting.secret() ? raw.isEmpty() : raw.isBlank())) {
      problem(setting.name(), "(empty)", "a value, or leave " + setting.name() + " unset");
      return Optional.empty();
    }
    Optional<String> text = setting.text(variables);
    Optional<T> value = text.flatMap(setting.parser()::parse);
    if (text.isPresent() && value.isEmpty()) {
      String shown = setting.secret() ? "***" : setting.parser().quote().apply(text.get());
      problem(setting.name(), shown, setting.parser().expected());
    }
    return value;
  }

  /** For a setting with a default: its value, or null when invalid (reported). */
  public <T> T get(Setting<T> setting) {
    return optional(setting).orElse(null);
  }

  public boolean isSet(Setting<?> setting) {
    return variables.containsKey(setting.name());
  }

  /** Records that two settings go together when only one is set; true if both or neither is. */
  public boolean together(Setting<?> first, Setting<?> second) {
    if (isSet(first) == isSet(second)) {
      return true;
    }
    Setting<?> missing = isSet(first) ? second : first;
    Setting<?> given = isSet(first) ? first : second;
    problem(missing.name(), "(unset)", "set together with " + given.name());
    return false;
  }

  public void problem(String variable, String shown, String expected) {
    problems.add(new ConfigProblem(variable, shown, expected));
  }

  public Map<String, String> variables() {
    return variables;
  }

  public boolean dotenvRead() {
    return dotenvRead;
  }

  /** Each setting's effective value and where it came from, secrets as ***. */
  public Map<String, Map<String, String>> describe(List<Setting<?>> settings) {
    Map<String, Map<String, String>> described = new LinkedHashMap<>();
    settings.forEach(s -> described.put(s.name(), Map.of("value", shown(s), "source", source(s))));
    return described;
  }

  private <T> String shown(Setting<T> setting) {
    Optional<String> text = setting.text(variables);
    if (text.isEmpty() || setting.secret()) {
      return text.isEmpty() ? "(unset)" : "***";
    }
    return setting.parser().parse(text.get()).map(setting.parser().show()).orElse("(invalid)");
  }

  private String source(Setting<?> setting) {
    if (isSet(setting)) {
      return fromDotenv.contains(setting.name()) ? DotenvFile.NAME : "environment";
    }
    return setting.whenUnset() instanceof Setting.WhenUnset.Derived derived
            && variables.containsKey(derived.source())
        ? derived.source()
        : "default";
  }
}
