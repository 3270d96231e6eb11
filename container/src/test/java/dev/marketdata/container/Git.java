package dev.marketdata.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads the commit the build ran on. */
final class Git {

  private Git() {}

  static String head(Path repository) {
    try {
      Process process =
          new ProcessBuilder("git", "rev-parse", "HEAD").directory(repository.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new AssertionError("git rev-parse HEAD failed in " + repository);
      }
      return out.strip();
    } catch (IOException e) {
      throw new AssertionError("cannot run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
