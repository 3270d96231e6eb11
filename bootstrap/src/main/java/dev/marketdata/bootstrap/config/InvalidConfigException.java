package dev.marketdata.bootstrap.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in the configuration, so that one run reports them all. */
public final class InvalidConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
