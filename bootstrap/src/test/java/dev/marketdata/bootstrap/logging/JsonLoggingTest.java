package dev.marketdata.bootstrap.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class JsonLoggingTest {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final LoggerContext context = new LoggerContext();
  private PrintStream realStdout;

  @BeforeEach
  void captureStdout() {
    // What logback's SLF4J provider gives the context it makes.
    context.setMDCAdapter(new LogbackMDCAdapter());
    realStdout = System.out;
    System.setOut(new PrintStream(stdout, true, UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    context.stop();
    System.setOut(realStdout);
  }

  @Test
  void aBurstFarLargerThanAnyBufferIsWrittenWholeAndInOrder() {
    new JsonLogging().configure(context);
    Logger log = context.getLogger("burst");
    int events = 5_000;

    IntStream.range(0, events).forEach(i -> log.info("event {}", i));
    context.stop();

    List<String> lines = lines();
    assertEquals(events, lines.size(), "lines written");
    for (int i = 0; i < events; i++) {
      assertTrue(
          lines.get(i).startsWith("{") && lines.get(i).contains("\"message\":\"event " + i + "\""),
          lines.get(i));
    }
  }

  @Test
  void textChosenBeforeTheFirstEventIsHowEveryLineIsWritten() {
    new JsonLogging().configure(context);
    Logger log = context.getLogger("dev.marketdata.Example");

    JsonLogging.applyFormat(context, "text");
    log.atInfo().addKeyValue("subject", "md.heartbeat").log("published");
    log.warn("slow");
    context.stop();

    List<String> lines = lines();
    assertEquals(2, lines.size(), String.join("\n", lines));
    assertTrue(
        lines
            .get(0)
            .matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  Example - "
                    + "published subject=\"md.heartbeat\""),
        lines.get(0));
    assertTrue(lines.get(1).contains(" WARN  Example - slow"), lines.get(1));
  }

  @Test
  void jsonIsTheDefault() {
    new JsonLogging().configure(context);

    context.getLogger("dev.marketdata.Example").info("hello");
    context.stop();

    List<String> lines = lines();
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("\"message\":\"hello\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"service\":\"market-data-service\""), lines.get(0));
  }

  private List<String> lines() {
    return stdout.toString(UTF_8).lines().toList();
  }
}
