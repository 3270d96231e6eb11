package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.ConfigLoader;
import dev.marketdata.bootstrap.config.InvalidConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Entry point. Holds no logger on purpose: {@code --probe} must not pay for logback's start-up.
 *
 * <ul>
 *   <li>no argument: run the service until SIGTERM/SIGINT;
 *   <li>{@code --probe}: exit 0 if the local instance is ready, 1 if not (container HEALTHCHECK);
 *   <li>{@code --train}: start, exercise start-up and a clean shutdown, exit (AOT cache training);
 *   <li>{@code --version}: print the version.
 * </ul>
 */
public final class Main {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private Main() {}

  public static void main(String[] args) {
    String mode = args.length == 0 ? "" : args[0];
    switch (mode) {
      case "" -> ServiceRunner.runUntilSignalled();
      case "--probe" -> System.exit(probe(System.out));
      case "--train" -> System.exit(ServiceRunner.train());
      case "--version" -> System.out.println(BuildInfo.version());
      default -> {
        System.err.println(
            "unknown argument '" + mode + "': expected none, --probe, --train or --version");
        System.exit(ExitCode.USAGE);
      }
    }
  }

  static int probe(PrintStream out) {
    int port;
    try {
      port = ConfigLoader.healthPort(Environment.read());
    } catch (InvalidConfigException e) {
      out.println("not ready: " + e.getMessage());
      return ExitCode.FAILURE;
    }
    try {
      int status = ReadinessProbe.status(port, ReadinessProbe.READY_PATH, PROBE_TIMEOUT);
      out.println(status == 200 ? "ready" : "not ready: HTTP " + status);
      return status == 200 ? ExitCode.OK : ExitCode.FAILURE;
    } catch (IOException e) {
      out.println("not ready: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }
}
