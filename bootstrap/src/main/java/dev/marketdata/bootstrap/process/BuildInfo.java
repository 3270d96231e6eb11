package dev.marketdata.bootstrap.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is: the service's name, and what Maven stamped into the jar. */
public final class BuildInfo {

  /**
   * The service's name: the {@code service} field of every JSON log event, and the fallback client
   * id.
   */
  public static final String SERVICE_NAME = "market-data-service";

  private BuildInfo() {}

  /** The version Maven built. */
  public static String version() {
    return property("version");
  }

  /** The commit the jar was built from. */
  public static String revision() {
    return property("revision");
  }

  private static String property(String name) {
    return Stamp.PROPERTIES.getProperty(name, "unknown");
  }

  /**
   * The stamp, read from the jar once, by whichever thread asks first (at start, the preparation
   * thread: the first read of the jar opens it, which {@code main} should not wait for).
   */
  private static final class Stamp {

    static final Properties PROPERTIES = read();

    private static Properties read() {
      Properties properties = new Properties();
      try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties;
    }
  }
}
