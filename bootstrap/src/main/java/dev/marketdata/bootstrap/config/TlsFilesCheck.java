package dev.marketdata.bootstrap.config;

import dev.marketdata.adapters.out.nats.NatsTls;
import dev.marketdata.adapters.out.nats.TlsFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The start-up check of the NATS TLS files, its problems named by their settings. */
final class TlsFilesCheck {

  private TlsFilesCheck() {}

  static List<ConfigProblem> problems(NatsTls tls, Instant now) {
    try {
      TlsFiles.check(tls, now);
      return List.of();
    } catch (TlsFiles.Unusable e) {
      return e.problems().stream()
          .map(
              problem -> {
                Setting<Path> setting =
                    switch (problem.role()) {
                      case CA -> Settings.NATS_TLS_CA_FILE;
                      case CERT -> Settings.NATS_TLS_CERT_FILE;
                      case KEY -> Settings.NATS_TLS_KEY_FILE;
                    };
                Path file =
                    switch (problem.role()) {
                      case CA -> tls.caFile().orElseThrow();
                      case CERT -> tls.certFile().orElseThrow();
                      case KEY -> tls.keyFile().orElseThrow();
                    };
                return new ConfigProblem(
                    setting.name(),
                    file.toString(),
                    expected(problem.role()) + " (" + problem.message() + ")");
              })
          .toList();
    }
  }

  private static String expected(TlsFiles.Role role) {
    return switch (role) {
      case CA -> "a PEM file of the CA certificates trusted for NATS";
      case CERT -> "a PEM file of the client certificate chain, valid now";
      case KEY -> "a PEM file of the client certificate's unencrypted key";
    };
  }
}
