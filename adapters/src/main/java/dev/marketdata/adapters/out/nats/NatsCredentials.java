package dev.marketdata.adapters.out.nats;

import dev.marketdata.adapters.config.Secret;
import java.nio.file.Path;

/** How the service proves who it is to NATS. Secrets never show. */
public sealed interface NatsCredentials {
  record None() implements NatsCredentials {}

  record UserPassword(String user, Secret password) implements NatsCredentials {}

  record Token(Secret token) implements NatsCredentials {}

  /** A NATS .creds file: a user JWT and its NKey seed. */
  record CredsFile(Path file) implements NatsCredentials {}

  /** How the service authenticates, for the configuration line: never the secret. */
  default String method() {
    return switch (this) {
      case None none -> "none";
      case UserPassword userPassword -> "user";
      case Token token -> "token";
      case CredsFile credsFile -> "creds-file";
    };
  }
}
