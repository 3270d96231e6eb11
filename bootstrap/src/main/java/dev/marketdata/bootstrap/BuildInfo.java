package dev.marketdata.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What Maven stamped into the jar at build time. */
final class BuildInfo {

  private BuildInfo() {}

  static String version() {
    return property("version");
  }

  /** The commit the jar was built from, or "no-git" when built outside a git work tree. */
  static String revision() {
    return property("revision");
  }

  private static String property(String name) {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty(name, "unknown");
  }
}
