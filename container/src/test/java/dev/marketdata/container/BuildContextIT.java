package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neither build context can carry .git, .env, tests or anything but what the image needs. */
// Proves AC1, .dockerignore exclusions: see docs/acceptance.md.
class BuildContextIT {

  private static final List<String> IMAGE_INPUTS =
      List.of(
          "Dockerfile",
          "bootstrap/target/market-data-service.cdx.json",
          "bootstrap/target/market-data-service.jar",
          "container/src/main/c/healthcheck.c");

  private static List<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString())
          .sorted()
          .toList();
    }
  }

  // Fabric8's context is minimal by construction (no .git, .env or tests).
  @Test
  void fabric8sContextHoldsOnlyWhatTheImageIsBuiltFrom() throws IOException {
    Path context = Path.of(ContainerSupport.property("dockerContext"));

    assertEquals(IMAGE_INPUTS, filesUnder(context));
  }

  // Plain docker build's context (.dockerignore) carries no .git, .env, tests, docs or
  // CI files.
  @Test
  void theRootDockerignoreLetsOnlyWhatTheImageIsBuiltFromThrough(@TempDir Path tree)
      throws IOException {
    // A repository-shaped tree holding everything that must never reach an image.
    for (String file :
        List.of(
            ".git/HEAD",
            ".env",
            ".github/workflows/ci.yml",
            ".ci/run",
            ".idea/workspace.xml",
            "README.md",
            "docs/notes.md",
            "adapters/src/test/java/SomeTest.java",
            "adapters/src/main/java/Some.java",
            "container/src/main/c/healthcheck.c",
            "container/src/test/java/SomeIT.java",
            "bootstrap/target/classes/Some.class",
            "bootstrap/target/original-market-data-service.jar",
            "bootstrap/target/bom.xml",
            "bootstrap/target/market-data-service.cdx.json",
            "bootstrap/target/market-data-service.jar")) {
      Path path = tree.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "x");
    }
    Files.copy(
        ContainerSupport.repositoryRoot().resolve(".dockerignore"), tree.resolve(".dockerignore"));
    // The real builder base image: it has a shell to list what the daemon received.
    Files.writeString(
        tree.resolve("Dockerfile"),
        """
        ARG BUILDER_IMAGE
        FROM ${BUILDER_IMAGE}
        COPY . /context
        RUN cd /context && find . -type f | sort > /listing
        """);
    String builder = builderImage();
    String tag = "market-data-service-context-probe:" + ProcessHandle.current().pid();

    Docker.Result build =
        Docker.run(
            Duration.ofMinutes(2),
            tree,
            List.of("build", "-q", "--build-arg", "BUILDER_IMAGE=" + builder, "-t", tag, "."));
    try {
      assertEquals(0, build.exitCode(), build.toString());
      String listing =
          Docker.ok(
              "run",
              "--rm",
              "--name",
              ContainerSupport.uniqueName(),
              "--network",
              "none",
              tag,
              "cat",
              "/listing");

      List<String> received =
          listing.lines().map(line -> line.replaceFirst("^\\./", "")).sorted().toList();
      assertEquals(IMAGE_INPUTS, received);
    } finally {
      Docker.run("rmi", "-f", tag);
    }
  }

  /** The image of the Dockerfile's first FROM line. */
  private static String builderImage() throws IOException {
    return Files.readAllLines(ContainerSupport.repositoryRoot().resolve("Dockerfile")).stream()
        .filter(line -> line.startsWith("FROM ") && line.endsWith(" AS builder"))
        .map(line -> line.split(" ", -1)[1])
        .findFirst()
        .orElseThrow();
  }
}
