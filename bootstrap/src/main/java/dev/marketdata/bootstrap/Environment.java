package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.ConfigProblem;
import dev.marketdata.bootstrap.config.InvalidConfigException;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one place that reads the process environment, merged over an optional {@code .env}. */
final class Environment {

  private Environment() {}

  /**
   * Reads the real environment over {@code ./.env}; real variables win.
   *
   * @return every variable
   * @throws InvalidConfigException when {@code .env} exists but cannot be parsed
   */
  static Map<String, String> read() throws InvalidConfigException {
    try {
      return Dotenv.configure().ignoreIfMissing().load().entries().stream()
          .collect(Collectors.toUnmodifiableMap(DotenvEntry::getKey, DotenvEntry::getValue));
    } catch (DotenvException e) {
      // The parser's message quotes the offending line, which may hold a secret: not shown.
      throw new InvalidConfigException(
          List.of(new ConfigProblem(".env", "(not shown)", "lines of KEY=VALUE or comments")));
    }
  }
}
