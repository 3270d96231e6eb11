package dev.marketdata.adapters.config;

import java.util.List;

/** Every problem found in the configuration, so that one run reports them all. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(String.join("; ", problems.stream().map(ConfigProblem::message).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
