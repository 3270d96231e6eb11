package dev.marketdata.bootstrap.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
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
    context.stop();

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

    JsonLogging.applyFormat(context, "text");
    context.getLogger("dev.marketdata.Example").info("hello");
    context.stop();

    List<String> lines = stdout.toString(UTF_8).lines().toList();
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains(" INFO  Example - hello"), lines.get(0));
  }
}
