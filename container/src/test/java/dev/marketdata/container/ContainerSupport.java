package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the image tests share: the image under test and short-lived containers of it. */
final class ContainerSupport {

  /** Docker's own default grace period for {@code docker stop}. */
  static final Duration DOCKER_STOP_GRACE = Duration.ofSeconds(10);

  private ContainerSupport() {}

  static String image() {
    return property("image");
  }

  static String property(String name) {
    String value = System.getProperty(name);
    assertNotNull(value, "system property " + name + " is not set: run through Maven failsafe");
    return value;
  }

  static Path repositoryRoot() {
    return Path.of(property("repositoryRoot")).toAbsolutePath().normalize();
  }

  /**
   * Starts a detached container on the host network (the test's nats-server and health port are on
   * loopback), probing its health every second so that the tests need not wait 10 s.
   *
   * @param extraArgs docker run options placed before the image
   * @return the container id
   */
  static String startContainer(List<String> extraArgs, String... env) {
    List<String> args =
        new ArrayList<>(List.of("run", "-d", "--name", uniqueName(), "--network", "host"));
    args.addAll(List.of("--health-interval", "1s", "--health-start-period", "30s"));
    for (String variable : env) {
      args.add("-e");
      args.add(variable);
    }
    args.addAll(extraArgs);
    args.add(image());
    return Docker.ok(args.toArray(String[]::new));
  }

  /** A unique name: the engine is shared, and a leftover must be traceable to these tests. */
  static String uniqueName() {
    return "mds-it-" + UUID.randomUUID().toString().substring(0, 12);
  }

  static String inspect(String container, String format) {
    return Docker.ok("inspect", "-f", format, container);
  }

  static String health(String container) {
    return inspect(container, "{{if .State.Health}}{{.State.Health.Status}}{{end}}");
  }

  /**
   * A file of the image, read without running it (the image has no shell to cat with).
   *
   * @param path an absolute path inside the image
   * @return the file's content
   */
  static String fileOfImage(String path) {
    return fileOfImage(image(), path);
  }

  static String fileOfImage(String image, String path) {
    String container = Docker.ok("create", "--name", uniqueName(), image);
    try {
      Path dir = Files.createTempDirectory("image-file");
      Path copy = dir.resolve(Path.of(path).getFileName().toString());
      try {
        Docker.ok("cp", container + ":" + path, copy.toString());
        return Files.readString(copy);
      } finally {
        Files.deleteIfExists(copy);
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      remove(container);
    }
  }

  static void remove(String container) {
    Docker.run("rm", "-f", container);
  }
}
