package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.ConfigLoader;
import dev.marketdata.bootstrap.probe.ReadinessProbe;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.bootstrap.training.AotTraining;
import dev.marketdata.bootstrap.wiring.StartupPreparation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point. Holds no logger on purpose: {@code --probe} must not pay for logback's start-up.
 *
 * <ul>
 *   <li>no argument: run the service until SIGTERM/SIGINT;
 *   <li>{@code --probe}: exit 0 if the local instance is ready, 1 if not (container HEALTHCHECK);
 *   <li>{@code --train}: start, exercise start-up and a clean shutdown, exit (AOT cache training);
 *   <li>{@code --version}: print the version;
 *   <li>{@code --help}: print the usage.
 * </ul>
 */
public final class Main {

  /**
   * The {@code --help} text. Built on demand, not as a constant: the other modes, the probe above
   * all, do not pay for formatting it.
   *
   * @return the usage, with each variable's default and range from the configuration loader
   */
  static String usage() {
    return """
      Usage: java -jar market-data-service.jar [--probe | --train | --version | --help]

        (no argument)  run the service until SIGTERM or SIGINT
        --probe        exit 0 if the local instance is ready, 1 if not (the container HEALTHCHECK)
        --train        start against an in-process NATS stand-in, stop, exit (AOT cache training)
        --version      print the version
        --help         print this text

      Configuration: environment variables, over an optional ./.env file (real variables win).
      Authentication: NATS_CREDS_FILE, NATS_USER with NATS_PASSWORD, or NATS_TOKEN; one at most.
      %s
      Exit codes: 0 clean stop (probe: ready), 1 shutdown deadline missed or a step failed
      (probe: not ready), 64 bad command line, 70 could not start, 78 invalid configuration.
      """
        .formatted(variableLines());
  }

  private static Map<String, String> purposes() {
    Map<String, String> purposes = new LinkedHashMap<>();
    purposes.put(ConfigLoader.NATS_URL, "NATS servers, comma-separated");
    purposes.put(ConfigLoader.NATS_CLIENT_ID, "this instance's id");
    purposes.put(ConfigLoader.NATS_CLUSTER_ID, "the deployment's name");
    purposes.put(ConfigLoader.NATS_CREDS_FILE, "a NATS .creds file");
    purposes.put(ConfigLoader.NATS_USER, "user, with NATS_PASSWORD");
    purposes.put(ConfigLoader.NATS_PASSWORD, "password, with NATS_USER");
    purposes.put(ConfigLoader.NATS_TOKEN, "token");
    purposes.put(ConfigLoader.NATS_RECONNECT_WAIT, "pause between reconnect rounds");
    purposes.put(ConfigLoader.NATS_PING_INTERVAL, "time between round-trip checks");
    purposes.put(ConfigLoader.NATS_MAX_PINGS_OUT, "unanswered checks before reconnect");
    purposes.put(ConfigLoader.NATS_DRAIN_TIMEOUT, "bound of the NATS drain at shutdown");
    purposes.put(ConfigLoader.SHUTDOWN_TIMEOUT, "bound of the whole shutdown");
    purposes.put(ConfigLoader.HEARTBEAT_INTERVAL, "time between heartbeats");
    purposes.put(ConfigLoader.HEALTH_BIND, "address of the health endpoints");
    purposes.put(ConfigLoader.HEALTH_PORT, "port of the health endpoints");
    purposes.put(ConfigLoader.LOG_LEVEL, "TRACE, DEBUG, INFO, WARN or ERROR");
    purposes.put(ConfigLoader.LOG_FORMAT, "json (containers) or text (people)");
    return purposes;
  }

  /** One line per variable: its name, its purpose, and its default and range from the loader. */
  private static String variableLines() {
    StringBuilder lines = new StringBuilder();
    purposes()
        .forEach(
            (variable, purpose) ->
                lines.append(
                    "  %-20s %-36s %s%n"
                        .formatted(variable, purpose, ConfigLoader.defaultAndRange(variable))
                        .stripTrailing()
                        .concat("\n")));
    return lines.toString();
  }

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 1) {
      usageError("expected at most one argument, got " + args.length);
    }
    String mode = args.length == 0 ? "" : args[0];
    switch (mode) {
      case "" -> {
        StartupPreparation.startInBackground();
        ServiceRunner.runUntilSignalled();
      }
      case "--probe" -> System.exit(ReadinessProbe.check(System.out));
      case "--train" -> {
        // As the service starts, so that the AOT cache holds this path too.
        StartupPreparation.startInBackground();
        System.exit(AotTraining.run(ServiceRunner.loadOrExit()));
      }
      case "--version" -> System.out.println(BuildInfo.version());
      case "--help", "-h" -> System.out.print(usage());
      default -> usageError("unknown argument '" + mode + "'");
    }
  }

  private static void usageError(String problem) {
    System.err.println(
        problem
            + ": expected none, --probe, --train, --version or --help (exit "
            + ExitCode.USAGE
            + ")");
    System.exit(ExitCode.USAGE);
  }
}
