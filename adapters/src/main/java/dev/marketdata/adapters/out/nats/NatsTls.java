package dev.marketdata.adapters.out.nats;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The PEM files of TLS to NATS. Any file turns TLS on; none leaves it to the URL's scheme. */
public record NatsTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

  public NatsTls {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException("a client certificate and its key go together");
    }
  }

  /** No TLS files: TLS only if a server URL asks for it. */
  public static NatsTls none() {
    return new NatsTls(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether any file is set, which turns TLS on whatever the URL's scheme. */
  public boolean configured() {
    return caFile.isPresent() || certFile.isPresent();
  }
}
