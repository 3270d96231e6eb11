package dev.marketdata.bootstrap;

import dev.marketdata.bootstrap.config.Setting;
import dev.marketdata.bootstrap.config.Settings;
import dev.marketdata.bootstrap.probe.ReadinessProbe;
import dev.marketdata.bootstrap.process.BuildInfo;
import dev.marketdata.bootstrap.process.ExitCode;
import dev.marketdata.bootstrap.startup.Warmup;
import dev.marketdata.bootstrap.watch.WatchRunner;
import dev.marketdata.domain.ServiceIdentity;
import java.util.Optional;

/** Entry point: the modes of {@link #usage()}. No logger: {@code --probe} skips logback's start. */
public final class Main {

  /**
   * The {@code --help} text. Built on demand, not as a constant: the other modes, the probe above
   * all, do not pay for formatting it.
   */
  static String usage() {
    StringBuilder settings = new StringBuilder();
    for (Setting<?> setting : Settings.ALL) {
      settings.append(
          "  %-20s %-36s default %s (%s)%n"
              .formatted(
                  setting.name(), setting.purpose(), setting.defaultText(), setting.accepts()));
    }
    return """
      Usage: java -jar market-data-service.jar [--probe | --watch [CLUSTER_ID] | --version | --help]

        (no argument)  run the service until SIGTERM or SIGINT
        --probe        exit 0 if the local instance is ready, 1 if not (the container HEALTHCHECK)
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
          "expected at most "
              + (allowed == 1 ? "one argument" : "two arguments")
              + ", got "
              + args.length);
    }
    switch (mode) {
      case "" -> {
        // First, before any class that logs loads (logback's start takes tens of ms): a stop from
        // here on ends in the orchestrated shutdown and exit 0, however early it comes.
        Runtime.getRuntime()
            .addShutdownHook(
                Thread.ofPlatform().name("shutdown").unstarted(() -> ServiceRunner.stop()));
        Warmup.startInBackground();
        ServiceRunner.runUntilSignalled();
      }
      case "--probe" -> System.exit(ReadinessProbe.check(System.out));
      case "--watch" -> {
        Optional<String> clusterId = args.length == 2 ? Optional.of(args[1]) : Optional.empty();
        if (clusterId.isPresent() && !ServiceIdentity.isValidId(clusterId.get())) {
          usageError(
              "--watch " + clusterId.get() + ": a cluster id is " + ServiceIdentity.ID_SYNTAX);
        }
        ServiceRunner.askDnsAgainAfterAMiss();
        WatchRunner.run(ServiceRunner.loadOrExit(), clusterId);
      }
      case "--version" -> System.out.println(BuildInfo.version());
      case "--help", "-h" -> System.out.print(usage());
      default -> usageError("unknown argument '" + mode + "'");
    }
  }

  private static void usageError(String problem) {
    System.err.println(
        problem
            + ": expected none, --probe, --watch [CLUSTER_ID], --version or --help (exit "
            + ExitCode.USAGE
            + ")");
    System.exit(ExitCode.USAGE);
  }
}
