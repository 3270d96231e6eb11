package dev.marketdata.bootstrap.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What Maven stamped into the jar: the version and the commit. */
public final class BuildInfo {
  private static final Properties STAMP = read();

  private BuildInfo() {}

  public static String version() {
    return STAMP.getProperty("version", "unknown");
  }

  public static String revision() {
    return STAMP.getProperty("revision", "unknown");
  }

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
