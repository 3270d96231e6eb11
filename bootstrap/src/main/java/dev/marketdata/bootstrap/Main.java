package dev.marketdata.bootstrap;

import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.InvalidConfigException;
import dev.marketdata.adapters.config.Setting;
import dev.marketdata.adapters.in.cli.ProbeCommand;
import dev.marketdata.adapters.in.http.HealthHttpServer;
import dev.marketdata.adapters.in.http.HttpSettings;
import dev.marketdata.bootstrap.config.ServiceConfig;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.domain.ServiceIdentity;
import java.util.Optional;

/** Entry point: reads the arguments and runs the mode they ask for. */
public final class Main {
  static String usage() {
    StringBuilder settings = new StringBuilder();
    for (Setting<?> setting : ServiceConfig.ALL) {
      settings.append(
          "  %-20s %-36s default %s (%s)%n"
              .formatted(
                  setting.name(),
                  setting.purpose(),
                  setting.defaultText(),
                  setting.parser().accepts()));
    }
    return """
      Usage: java -jar market-data-service.jar [--probe | --watch [CLUSTER_ID] | --version | --help]

        (no argument)  run the service until SIGTERM or SIGINT
        --probe        exit 0 if the local instance is ready, 1 if not
        --watch        print each instance heard on NATS (all clusters, or CLUSTER_ID's) and
                       whether its heartbeat is stale, until SIGTERM or SIGINT; same NATS_* settings
        --version      print the version
        --help         print this text

      Configuration: environment variables, over an optional ./.env file (real variables win).
      Authentication: a creds file, a user with a password, or a token; one at most.
      TLS: any NATS_TLS_* file turns it on, even with nats:// URLs. The files are read again at
      every connect (rotation without a restart); the server's host name is always verified.
      %s
      Exit codes: 0 clean stop (probe: ready), 1 shutdown deadline missed or a step failed
      (probe: not ready), 64 bad command line, 70 could not start, 78 invalid configuration.
      """
        .formatted(settings);
  }

  private Main() {}

  public static void main(String[] args) {
    String mode = args.length == 0 ? "" : args[0];
    int allowed = mode.equals("--watch") ? 2 : 1;
    if (args.length > allowed) {
      usageError(
          "expected at most %s, got %d"
              .formatted(allowed == 1 ? "one argument" : "two arguments", args.length));
    }
    switch (mode) {
      case "" -> ServiceRunner.runUntilSignalled();
      case "--probe" -> System.exit(probe());
      case "--watch" -> {
        Optional<String> clusterId = args.length == 2 ? Optional.of(args[1]) : Optional.empty();
        if (clusterId.isPresent() && !ServiceIdentity.isValidId(clusterId.get())) {
          usageError(
              "--watch " + clusterId.get() + ": a cluster id is " + ServiceIdentity.ID_SYNTAX);
        }
        ServiceRunner.watchUntilSignalled(clusterId);
      }
      case "--version" -> System.out.println(BuildInfo.version());
      case "--help", "-h" -> System.out.print(usage());
      default -> usageError("unknown argument '" + mode + "'");
    }
  }

  private static int probe() {
    try {
      HttpSettings http = Env.read().load(HttpSettings::from);
      boolean ready =
          ProbeCommand.ready(http.localAddress(), HealthHttpServer.READY_PATH, System.out);
      return ready ? ExitCode.OK : ExitCode.FAILURE;
    } catch (InvalidConfigException e) {
      System.out.println("not ready: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }

  private static void usageError(String problem) {
    System.err.printf(
        "%s: expected none, --probe, --watch [CLUSTER_ID], --version or --help (exit %d)%n",
        problem, ExitCode.USAGE);
    System.exit(ExitCode.USAGE);
  }
}
