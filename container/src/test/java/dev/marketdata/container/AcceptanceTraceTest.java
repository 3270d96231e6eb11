package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every test class and check docs/acceptance.md names still exists. */
class AcceptanceTraceTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z]+(?:Test|IT))`");
  private static final Pattern CHECK = Pattern.compile("`((?:\\.ci|bench|scripts)/[\\w./-]+)`");

  @Test
  void everyTestClassAndCheckNamedThereExists() throws IOException {
    String acceptance = Files.readString(ROOT.resolve("docs/acceptance.md"));
    Set<String> classes;
    try (Stream<Path> files = Files.walk(ROOT)) {
      classes =
          files
              .filter(file -> file.toString().contains("/src/test/java/"))
              .map(file -> file.getFileName().toString().replace(".java", ""))
              .collect(Collectors.toSet());
    }
    List<String> missing = new ArrayList<>();
    Matcher named = NAMED.matcher(acceptance);
    while (named.find()) {
      if (!classes.contains(named.group(1))) {
        missing.add(named.group(1));
      }
    }
    Matcher check = CHECK.matcher(acceptance);
    while (check.find()) {
      if (!Files.isRegularFile(ROOT.resolve(check.group(1)))) {
        missing.add(check.group(1));
      }
    }

    assertEquals(List.of(), missing);
  }
}
