package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every test and check docs/acceptance.md names still exists, and says what it proves. */
class AcceptanceTraceTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z]+)\\.([a-z][A-Za-z0-9]+)`");
  private static final Pattern CHECK = Pattern.compile("`(\\.[a-z][\\w./-]+)` \\(([^)]*)\\)");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  private static String acceptance() throws IOException {
    return Files.readString(ROOT.resolve("docs/acceptance.md"));
  }

  private static Map<String, Path> testClasses() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(file -> file.toString().contains("/src/test/java/"))
          .filter(file -> file.toString().endsWith(".java"))
          .collect(
              Collectors.toMap(
                  file -> file.getFileName().toString().replace(".java", ""),
                  file -> file,
                  (a, b) -> a));
    }
  }

  @Test
  void everyTestNamedThereExistsAndNamesItsCriterion() throws IOException {
    Map<String, Path> classes = testClasses();
    List<String> missing = new ArrayList<>();
    Matcher test = TEST.matcher(acceptance());
    int named = 0;
    while (test.find()) {
      named++;
      Path file = classes.get(test.group(1));
      String source = file == null ? "" : read(file);
      if (!source.contains("void " + test.group(2) + "(")) {
        missing.add(test.group(1) + "." + test.group(2));
      } else if (!source.contains("docs/acceptance.md")) {
        missing.add(test.group(1) + " (no comment naming its criterion in docs/acceptance.md)");
      }
    }

    assertTrue(named > 10, "docs/acceptance.md names only " + named + " tests");
    assertEquals(List.of(), missing);
  }

  @Test
  void everyCheckNamedThereExistsAndStillSaysWhatItChecks() throws IOException {
    List<String> missing = new ArrayList<>();
    Matcher check = CHECK.matcher(acceptance());
    while (check.find()) {
      Path file = ROOT.resolve(check.group(1));
      if (!Files.isRegularFile(file)) {
        missing.add(check.group(1));
        continue;
      }
      Matcher quoted = QUOTED.matcher(check.group(2));
      while (quoted.find()) {
        if (!read(file).contains(quoted.group(1))) {
          missing.add(check.group(1) + ": " + quoted.group(1));
        }
      }
    }

    assertFalse(acceptance().isBlank());
    assertEquals(List.of(), missing);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
