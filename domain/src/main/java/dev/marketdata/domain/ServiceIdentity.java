package dev.marketdata.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** Who this running instance is: stable for the life of the process. */
public record ServiceIdentity(String serviceId, String version, Instant startedAt) {
  /** The service's name: the fallback id, and the service field of every log event. */
  public static final String SERVICE_NAME = "market-data-service";

  /** What an id may hold, as operators read it in error messages. */
  public static final String ID_SYNTAX =
      "1-64 characters of A-Z a-z 0-9 _ - (one NATS subject token)";

  /** One NATS subject token: no dots, wildcards or whitespace. */
  private static final Pattern SUBJECT_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public static boolean isValidId(String id) {
    return SUBJECT_TOKEN.matcher(id).matches();
  }

  public ServiceIdentity {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(startedAt, "startedAt");
    if (!isValidId(serviceId)) {
      throw new IllegalArgumentException(
          "serviceId must be " + ID_SYNTAX + ", got '" + serviceId + "'");
    }
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
  }

  public Heartbeat heartbeatAt(Instant now, ServiceState state, Duration interval) {
    Duration uptime = Duration.between(startedAt, now);
    return new Heartbeat(
        this,
        uptime.isNegative() ? Duration.ZERO : uptime,
        state,
        now,
        Heartbeat.validityFor(interval));
  }
}
