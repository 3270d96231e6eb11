package dev.marketdata.bootstrap.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one place that reads the process environment, merged over an optional {@code .env}. */
public final class Environment {

  private Environment() {}

  /** Reads the real environment over {@code ./.env}; real variables win. */
  public static EnvironmentSnapshot read() {
    Path dotenvFile = Path.of(DotenvFile.NAME);
    DotenvFile dotenv = DotenvFile.read(dotenvFile);
    Map<String, String> real = System.getenv();
    Map<String, String> merged = new HashMap<>(dotenv.values());
    merged.putAll(real);
    // Shells set HOSTNAME without exporting it; the kernel's name is the same fact.
    if (!merged.containsKey(Settings.HOSTNAME)) {
      kernelHostName().ifPresent(name -> merged.put(Settings.HOSTNAME, name));
    }
    Set<String> fromDotenv = new HashSet<>(dotenv.values().keySet());
    fromDotenv.removeAll(real.keySet());
    return new EnvironmentSnapshot(merged, fromDotenv, dotenv.problems(), Files.exists(dotenvFile));
  }

  private static Optional<String> kernelHostName() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip())
          .filter(name -> !name.isEmpty());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
