package dev.marketdata.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The docker CLI, as an operator would type it. A missing engine fails loudly. */
final class Docker {

  /**
   * One finished docker command.
   *
   * @param exitCode its exit code
   * @param stdout what it printed
   * @param stderr what it complained about
   */
  record Result(int exitCode, String stdout, String stderr) {
    String out() {
      return stdout.strip();
    }
  }

  private Docker() {}

  static Result run(Duration timeout, Path workDir, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(args);
    return exec(timeout, workDir, Map.of(), command);
  }

  /**
   * Any command of the Docker tool family (docker, docker-compose), with extra environment.
   *
   * @param command the program and its arguments
   * @return how it ended
   */
  static Result exec(
      Duration timeout, Path workDir, Map<String, String> env, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      if (workDir != null) {
        builder.directory(workDir.toFile());
      }
      Process process = builder.start();
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command));
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.getFirst() + ": is it installed?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", command), e);
    }
  }

  static Result run(String... args) {
    return run(Duration.ofMinutes(2), null, List.of(args));
  }

  /** Runs a command that must succeed and returns its trimmed stdout. */
  static String ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "docker " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result);
    }
    return result.out();
  }

  /** One thread per stream: a shared pool can starve a reader and deadlock on a full pipe. */
  private static CompletableFuture<String> read(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                text.complete(buffer.toString(StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
              }
            });
    return text;
  }
}
