package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only the Dockerfile's text can show (stages, pinned bases, no ADD). What the built image
 * shows (user, exec-form entrypoint and healthcheck, stop signal, the jar) ImageIT checks there.
 */
// Proves AC1 (a multi-stage Dockerfile) and AC2's structure test: see docs/acceptance.md.
class DockerfileStructureTest {

  private static final Path DOCKERFILE = Path.of("..", "Dockerfile");

  /** Instructions with their continuation lines joined, comments dropped. */
  private static List<String> instructions() throws IOException {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      result.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    return result;
  }

  private static List<String> withKeyword(String keyword) throws IOException {
    return instructions().stream().filter(i -> i.startsWith(keyword + " ")).toList();
  }

  // At least two stages.
  @Test
  void hasABuilderAndARuntimeStage() throws IOException {
    assertTrue(withKeyword("FROM").size() >= 2, "multi-stage: " + withKeyword("FROM"));
  }

  // Every base image pinned to a tag (never latest), written in the FROM line where Dependabot
  // reads it.
  @Test
  void pinsEveryBaseImageToATagThatIsNotLatest() throws IOException {
    for (String from : withKeyword("FROM")) {
      String image = from.split(" ", -1)[1];
      assertFalse(image.contains("$"), "a base image Dependabot cannot read: " + from);
      boolean digest = image.contains("@sha256:");
      String tag = image.substring(image.lastIndexOf('/') + 1);
      assertTrue(digest || tag.contains(":"), "untagged base image: " + image);
      assertFalse(tag.endsWith(":latest"), "floating tag: " + image);
    }
  }

  // Builder stage on a pinned JDK 25 image.
  @Test
  void theBuilderIsAPinnedJdk25() throws IOException {
    String builder =
        withKeyword("FROM").stream()
            .filter(from -> from.endsWith(" AS builder"))
            .findFirst()
            .orElseThrow()
            .split(" ", -1)[1];

    assertTrue(builder.matches("eclipse-temurin:25\\.\\d+\\.\\d+_\\d+-jdk.*"), builder);
  }

  // The training run's NATS is the stack's: one pinned version for Dependabot to move.
  @Test
  void trainsAgainstTheComposeStacksNatsImage() throws IOException {
    String compose = Files.readString(Path.of("..", "docker-compose.yml"));

    assertTrue(
        withKeyword("FROM").stream()
            .anyMatch(from -> compose.contains("image: " + from.split(" ", -1)[1] + "\n")),
        "no FROM line names docker-compose.yml's NATS image: " + withKeyword("FROM"));
  }

  // No ADD.
  @Test
  void usesNoAdd() throws IOException {
    assertEquals(List.of(), withKeyword("ADD"));
  }
}
