package dev.marketdata.bootstrap.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonLoggingProviderTest {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final JsonLoggingProvider provider = new JsonLoggingProvider();
  private PrintStream realStdout;

  @BeforeEach
  void captureStdout() {
    realStdout = System.out;
    System.setOut(new PrintStream(stdout, true, UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    ((LoggerContext) provider.getLoggerFactory()).stop();
    System.setOut(realStdout);
  }

  @Test
  void logsOneJsonLinePerEventAsLogbacksOwnProviderDoesWithTheServiceFile() {
    provider.initialize();
    LoggerContext context = (LoggerContext) provider.getLoggerFactory();

    provider.getMDCAdapter().put("requestId", "r-1");
    context.getLogger("dev.marketdata.Example").warn("hello");
    provider.getMDCAdapter().remove("requestId");
    Logging.flush(context);

    List<String> lines = stdout.toString(UTF_8).lines().toList();
    assertEquals(1, lines.size(), String.join("\n", lines));
    String line = lines.get(0);
    assertTrue(line.startsWith("{") && line.endsWith("}"), line);
    assertTrue(line.contains("\"message\":\"hello\""), line);
    assertTrue(line.contains("\"level\":\"WARN\""), line);
    assertTrue(line.contains("\"service\":\"market-data-service\""), line);
    assertTrue(line.contains("\"requestId\":\"r-1\""), line);
    assertEquals("default", context.getName());
  }

  @Test
  void logFormatTextStillSwitchesTheEncoder() {
    provider.initialize();
    LoggerContext context = (LoggerContext) provider.getLoggerFactory();

    Logging.applyFormat(context, "text");
    context.getLogger("dev.marketdata.Example").info("hello");
    Logging.flush(context);

    List<String> lines = stdout.toString(UTF_8).lines().toList();
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains(" INFO  Example - hello"), lines.get(0));
  }

  // In the image, classes come from the AOT cache, and the first resource read of the jar opens it
  // and indexes every entry: the warm-up thread makes that read, so main's way to ready must
  // make none before it. Logging starts first on main.
  @Test
  void startsLoggingWithoutReadingAnythingFromTheClassPath() throws Exception {
    try (RecordingLoader loader = new RecordingLoader()) {
      Object context = initialize(loader, JsonLoggingProvider.class);

      stop(context);
      assertEquals(List.of(), loader.resourcesAsked, "resources read while logging started");
    }
  }

  /** Initialises a fresh copy of the provider, loaded by the given loader; returns its context. */
  private static Object initialize(ClassLoader loader, Class<?> providerClass) throws Exception {
    Class<?> type = Class.forName(providerClass.getName(), true, loader);
    Object copy = type.getConstructor().newInstance();
    type.getMethod("initialize").invoke(copy);
    return type.getMethod("getLoggerFactory").invoke(copy);
  }

  private static void stop(Object context) throws Exception {
    context.getClass().getMethod("stop").invoke(context);
  }

  /**
   * Loads the test's class path itself, apart from the JDK, and records every resource asked of it:
   * a copy of logback and of this module's classes whose reads can be seen.
   */
  private static final class RecordingLoader extends URLClassLoader {

    private final List<String> resourcesAsked = new CopyOnWriteArrayList<>();

    RecordingLoader() {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    private static URL[] classPath() {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(RecordingLoader::url)
          .toArray(URL[]::new);
    }

    private static URL url(String entry) {
      try {
        return Path.of(entry).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public URL findResource(String name) {
      resourcesAsked.add(name);
      return super.findResource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
      resourcesAsked.add(name);
      return super.findResources(name);
    }
  }
}
