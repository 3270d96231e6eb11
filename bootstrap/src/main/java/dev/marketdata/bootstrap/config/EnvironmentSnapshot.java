package dev.marketdata.bootstrap.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw settings of one start: the process environment merged over {@code .env}.
 *
 * @param variables every variable; a real environment variable wins over a {@code .env} line
 * @param fromDotenv the names whose value came from {@code .env}
 * @param problems what could not be read at all (bad {@code .env} lines)
 */
public record EnvironmentSnapshot(
    Map<String, String> variables, Set<String> fromDotenv, List<ConfigProblem> problems) {

  public EnvironmentSnapshot {
    variables = Map.copyOf(variables);
    fromDotenv = Set.copyOf(fromDotenv);
    problems = List.copyOf(problems);
  }

  /** Just these variables, as the tests and the probe use it. */
  public static EnvironmentSnapshot of(Map<String, String> variables) {
    return new EnvironmentSnapshot(variables, Set.of(), List.of());
  }
}
