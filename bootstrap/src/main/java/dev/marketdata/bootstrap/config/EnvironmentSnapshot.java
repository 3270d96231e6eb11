package dev.marketdata.bootstrap.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The raw settings of one start: the process environment merged over {@code .env}. */
public record EnvironmentSnapshot(
    Map<String, String> variables,
    Set<String> fromDotenv,
    List<ConfigProblem> problems,
    boolean dotenvRead) {

  public EnvironmentSnapshot {
    variables = Map.copyOf(variables);
    fromDotenv = Set.copyOf(fromDotenv);
    problems = List.copyOf(problems);
  }

  /** Where a variable's value came from. */
  public String sourceOf(String variable) {
    if (!variables.containsKey(variable)) {
      return "default";
    }
    return fromDotenv.contains(variable) ? DotenvFile.NAME : "environment";
  }

  /** Just these variables, as the tests and the probe use it. */
  public static EnvironmentSnapshot of(Map<String, String> variables) {
    return new EnvironmentSnapshot(variables, Set.of(), List.of(), false);
  }
}
