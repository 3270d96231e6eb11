package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.probe.ReadinessProbe;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.bootstrap.training.AotTraining;

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

  static final String USAGE =
      """
      Usage: java -jar market-data-service.jar [--probe | --train | --version | --help]

        (no argument)  run the service until SIGTERM or SIGINT
        --probe        exit 0 if the local instance is ready, 1 if not (the container HEALTHCHECK)
        --train        start against an in-process NATS stand-in, stop, exit (AOT cache training)
        --version      print the version
        --help         print this text

      Configuration: environment variables, over an optional ./.env file (real variables win).
        NATS_URL             NATS servers, comma-separated        default nats://localhost:4222
        NATS_CLIENT_ID       this instance's id                   default the host name
        NATS_CLUSTER_ID      the deployment's name                default local
        NATS_CREDS_FILE      a NATS .creds file                   (one auth method at most)
        NATS_USER, NATS_PASSWORD  user and password               (one auth method at most)
        NATS_TOKEN           token                                (one auth method at most)
        NATS_RECONNECT_WAIT  pause between reconnect rounds       default 2s   (100ms-10m)
        NATS_PING_INTERVAL   time between round-trip checks       default 5s   (1s-10m)
        NATS_MAX_PINGS_OUT   unanswered checks before reconnect   default 2    (1-10)
        NATS_DRAIN_TIMEOUT   bound of the NATS drain at shutdown  default 5s   (1ms-10m)
        SHUTDOWN_TIMEOUT     bound of the whole shutdown          default 8s   (1ms-10m)
        HEARTBEAT_INTERVAL   time between heartbeats              default 5s   (100ms-1h)
        HEALTH_BIND          address of the health endpoints      default all interfaces
        HEALTH_PORT          port of the health endpoints         default 8080
        LOG_LEVEL            TRACE, DEBUG, INFO, WARN or ERROR    default INFO
        LOG_FORMAT           json (containers) or text (people)   default json

      Exit codes: 0 clean stop (probe: ready), 1 shutdown deadline missed or a step failed
      (probe: not ready), 64 bad command line, 70 could not start, 78 invalid configuration.
      """;

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 1) {
      usageError("expected at most one argument, got " + args.length);
    }
    String mode = args.length == 0 ? "" : args[0];
    switch (mode) {
      case "" -> ServiceRunner.runUntilSignalled();
      case "--probe" -> System.exit(ReadinessProbe.check(System.out));
      case "--train" -> System.exit(AotTraining.run(ServiceRunner.loadOrExit()));
      case "--version" -> System.out.println(BuildInfo.version());
      case "--help", "-h" -> System.out.print(USAGE);
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
