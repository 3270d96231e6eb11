package dev.marketdata.adapters.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), as a scraper would read
 * {@code /metrics}: every line must be a HELP, a TYPE or a sample of a declared family, names and
 * labels must be well formed, values must be numbers. Anything else fails the test with the line at
 * fault.
 */
public final class PrometheusText {

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Pattern SUFFIX = Pattern.compile("_(total|count|sum|bucket|created)$");

  private PrometheusText() {}

  /**
   * Parses an exposition.
   *
   * @param text the body of {@code /metrics}
   * @return every sample, keyed {@code name{label="value",…}} exactly as exposed
   * @throws AssertionError on the first line that is not valid
   */
  public static Map<String, Double> parse(String text) {
    if (!text.endsWith("\n")) {
      throw new AssertionError("the exposition does not end with a line feed");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Double> samples = new LinkedHashMap<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty() && number == text.split("\n", -1).length) {
        break;
      }
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        if (types.put(type.group(1), type.group(2)) != null) {
          throw new AssertionError("line " + number + ": second TYPE for " + type.group(1));
        }
        continue;
      }
      if (HELP.matcher(line).matches()) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("line " + number + " is not valid exposition text: " + line);
      }
      String name = sample.group(1);
      String family = SUFFIX.matcher(name).replaceFirst("");
      if (!types.containsKey(name) && !types.containsKey(family)) {
        throw new AssertionError("line " + number + ": sample before its TYPE: " + line);
      }
      if (sample.group(3) != null) {
        Matcher label = LABEL.matcher(sample.group(3));
        int end = 0;
        while (label.lookingAt()) {
          end = label.end();
          label.region(end, sample.group(3).length());
        }
        if (end != sample.group(3).length()) {
          throw new AssertionError("line " + number + ": malformed labels: " + line);
        }
      }
      double value = number(sample.group(4), number, line);
      String key = name + (sample.group(2) == null ? "" : sample.group(2));
      if (samples.put(key, value) != null) {
        throw new AssertionError("line " + number + ": duplicate sample " + key);
      }
    }
    return samples;
  }

  private static double number(String text, int number, String line) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new AssertionError("line " + number + ": not a number: " + line, e);
        }
      }
    };
  }
}
