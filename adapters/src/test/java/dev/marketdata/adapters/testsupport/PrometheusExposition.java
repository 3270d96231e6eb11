package dev.marketdata.adapters.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /metrics} body as a scraper sees it: Prometheus' own {@code promtool check metrics}
 * (Debian's {@code prometheus} package) must accept it, lint included, before its samples are read.
 */
public final class PrometheusExposition {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private PrometheusExposition() {}

  /**
   * Checks an exposition and returns its samples.
   *
   * @param text the body of {@code /metrics}
   * @return every sample, keyed {@code name{label="value",…}} exactly as exposed
   * @throws AssertionError when promtool is missing or reports a problem
   */
  public static Map<String, Double> samples(String text) {
    check(text);
    Map<String, Double> samples = new LinkedHashMap<>();
    text.lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .forEach(
            line -> {
              int space = line.lastIndexOf(' ');
              samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            });
    return samples;
  }

  private static void check(String text) {
    if (!Files.isExecutable(PROMTOOL)) {
      throw new AssertionError(PROMTOOL + " not found: apt-get install prometheus");
    }
    try {
      Process promtool =
          new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      promtool.getOutputStream().close();
      String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!promtool.waitFor(30, TimeUnit.SECONDS) || promtool.exitValue() != 0) {
        throw new AssertionError("promtool check metrics: " + report + "\n" + text);
      }
    } catch (IOException e) {
      throw new AssertionError("promtool check metrics could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
