package dev.marketdata.adapters.out.nats;

import java.nio.file.Path;
import java.util.Objects;

/** How the service proves who it is to NATS. Secrets never appear in {@code toString()}. */
public sealed interface NatsCredentials {

  /** No credentials beyond whatever the server URL carries. */
  record None() implements NatsCredentials {}

  /** A user name and password. */
  record UserPassword(String user, String password) implements NatsCredentials {
    public UserPassword {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "UserPassword[user=" + user + ", password=***]";
    }
  }

  /** A bearer token. */
  record Token(String token) implements NatsCredentials {
    public Token {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Token[***]";
    }
  }

  /** A NATS {@code .creds} file holding a user JWT and its NKey seed. */
  record CredsFile(Path file) implements NatsCredentials {
    public CredsFile {
      Objects.requireNonNull(file, "file");
    }
  }
}
