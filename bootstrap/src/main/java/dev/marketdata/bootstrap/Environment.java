package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.DotenvFile;
import dev.marketdata.bootstrap.config.EnvironmentSnapshot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The one place that reads the process environment, merged over an optional {@code .env}. */
final class Environment {

  private Environment() {}

  /**
   * Reads the real environment over {@code ./.env}; real variables win.
   *
   * @return every variable, and every problem of {@code .env}
   */
  static EnvironmentSnapshot read() {
    DotenvFile dotenv = DotenvFile.read(Path.of(DotenvFile.NAME));
    Map<String, String> real = System.getenv();
    Map<String, String> merged = new HashMap<>(dotenv.values());
    merged.putAll(real);
    Set<String> fromDotenv = new HashSet<>(dotenv.values().keySet());
    fromDotenv.removeAll(real.keySet());
    return new EnvironmentSnapshot(merged, fromDotenv, dotenv.problems());
  }
}
