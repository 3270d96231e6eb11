package dev.marketdata.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.testsupport.Http;
import dev.marketdata.adapters.testsupport.Waits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The fat jar running as a real process, as an operator would start it with {@code java -jar}. */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread stdoutPump;
  private final Thread stderrPump;

  private ServiceProcess(Process process) {
    this.process = process;
    this.stdoutPump = pump(process.getInputStream(), stdout);
    this.stderrPump = pump(process.getErrorStream(), stderr);
  }

  static Path jar() {
    String jar = System.getProperty("serviceJar");
    assertTrue(jar != null, "system property serviceJar is not set: run through Maven failsafe");
    return Path.of(jar);
  }

  static ServiceProcess start(Map<String, String> env, String... args) throws IOException {
    return start(env, null, args);
  }

  static ServiceProcess start(Map<String, String> env, Path workingDir, String... args)
      throws IOException {
    return start(List.of(), env, workingDir, args);
  }

  /** With options for the JVM itself, placed before {@code -jar}. */
  static ServiceProcess start(
      List<String> jvmOptions, Map<String, String> env, Path workingDir, String... args)
      throws IOException {
    return start(javaCommand(jvmOptions, args), env, workingDir);
  }

  /** On a terminal: a pseudo-terminal from script(1); what is typed goes to {@link #type}. */
  static ServiceProcess startOnATerminal(Map<String, String> env, String... args)
      throws IOException {
    String command = "exec " + String.join(" ", javaCommand(List.of(), args));
    return start(List.of("script", "-qefc", command, "/dev/null"), env, null);
  }

  private static List<String> javaCommand(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  private static ServiceProcess start(
      List<String> command, Map<String, String> env, Path workingDir) throws IOException {
    // SIGINT at its default, as a container or a shell gives it: a build started in the
    // background (CI, nohup) passes it on ignored, and a JVM then never sees Ctrl-C.
    List<String> withDefaultSignals = new ArrayList<>(List.of("env", "--default-signal=INT"));
    withDefaultSignals.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(withDefaultSignals);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    // A clean environment: the developer's own NATS_URL or HEALTH_PORT must not leak in.
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().putAll(env);
    return new ServiceProcess(builder.start());
  }

  private static Thread pump(java.io.InputStream stream, List<String> sink) {
    return Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  sink.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  List<String> stderr() {
    return List.copyOf(stderr);
  }

  int status(int port, String path) {
    return Http.status(port, path);
  }

  /** Waits until {@code GET path} answers {@code expected}; a failure shows the process output. */
  void awaitStatus(int port, String path, int expected, Duration timeout) {
    Waits.until(
        timeout,
        path + " answering " + expected,
        () -> status(port, path) == expected,
        this::describe);
  }

  /**
   * SIGTERM, then the exit.
   *
   * @return the exit code, or null when it did not end in time
   */
  Integer stop(Duration timeout) throws InterruptedException {
    terminate();
    return awaitExit(timeout);
  }

  /** Keys typed on the terminal of {@link #startOnATerminal}. */
  void type(String keys) throws IOException {
    process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** SIGINT, as Ctrl-C sends it, then the exit; no terminal involved. */
  Integer interrupt(Duration timeout) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    return awaitExit(timeout);
  }

  /** SIGTERM, as {@code docker stop} and Kubernetes send it. */
  private void terminate() {
    // Not process.destroy(): that also closes our end of the pipes, losing the last lines.
    process.toHandle().destroy();
  }

  /**
   * Waits for the exit.
   *
   * @return the exit code, or null when it did not end in time
   */
  Integer awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return null;
    }
    // Everything the process wrote last is read once the pipes reach end-of-file.
    stdoutPump.join(timeout);
    stderrPump.join(timeout);
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String describe() {
    return "\nstdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
