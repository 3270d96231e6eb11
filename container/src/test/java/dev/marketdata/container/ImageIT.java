package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built image, inspected and run without NATS. */
// Proves AC1, the image itself (non-root, HEALTHCHECK, size, SHA tag): docs/acceptance.md.
class ImageIT {

  /** The size ceiling for the image. */
  private static final long MAX_IMAGE_BYTES = 200L * 1000 * 1000;

  private static JsonNode config() throws IOException {
    String json = Docker.ok("image", "inspect", "-f", "{{json .Config}}", ContainerSupport.image());
    return new ObjectMapper().readTree(json);
  }

  // Exec form (no shell in the image to run a shell form), and SIGTERM for docker stop.
  @Test
  void entrypointAndHealthcheckAreExecFormAndTheStopSignalIsSigterm() throws IOException {
    JsonNode config = config();

    assertTrue(config.get("Entrypoint").isArray(), config.toString());
    assertEquals("/opt/java/jre/bin/java", config.get("Entrypoint").get(0).asText());
    assertEquals("CMD", config.get("Healthcheck").get("Test").get(0).asText());
    assertEquals("SIGTERM", config.get("StopSignal").asText());
  }

  // Image size under the 200 MB ceiling, actual size printed.
  @Test
  void staysUnderTheSizeCeiling() {
    long size =
        Long.parseLong(Docker.ok("image", "inspect", "-f", "{{.Size}}", ContainerSupport.image()));
    System.out.printf("image %s: %.1f MB%n", ContainerSupport.image(), size / 1e6);
    System.out.println(
        Docker.ok("history", "--format", "{{.Size}}\t{{.CreatedBy}}", ContainerSupport.image()));

    assertTrue(size < MAX_IMAGE_BYTES, "image is " + size + " bytes");
  }

  @Test
  void shipsItsCycloneDxSbomListingEveryLibraryWithItsExactVersion() throws IOException {
    JsonNode sbom = new ObjectMapper().readTree(ContainerSupport.fileOfImage("/app/sbom.cdx.json"));

    assertEquals("CycloneDX", sbom.get("bomFormat").asText());
    Map<String, String> versions = new HashMap<>();
    for (JsonNode component : sbom.get("components")) {
      versions.put(
          component.get("group").asText() + ":" + component.get("name").asText(),
          component.get("version").asText());
    }
    assertEquals(ContainerSupport.property("jnatsVersion"), versions.get("io.nats:jnats"));
    assertEquals(
        ContainerSupport.property("jacksonVersion"),
        versions.get("com.fasterxml.jackson.core:jackson-databind"));
    assertEquals(
        ContainerSupport.property("logbackVersion"),
        versions.get("ch.qos.logback:logback-classic"));
    assertTrue(
        versions.containsKey("net.logstash.logback:logstash-logback-encoder"), versions.toString());
  }

  // The configured user is non-root.
  @Test
  void runsAsTheNonRootUser() throws IOException {
    String user = config().get("User").asText();

    assertEquals("65532:65532", user);
    String uid = user.split(":", -1)[0];
    assertNotEquals("0", uid);
    assertNotEquals("root", uid);
  }

  // A user without an account is "?" to the JVM (user.name) and has "/" as its home.
  @Test
  void theNonRootUserHasAnAccountAndAHome() {
    List<String> accounts = ContainerSupport.fileOfImage("/etc/passwd").lines().toList();

    assertTrue(
        accounts.contains("nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin"),
        String.join("\n", accounts));
  }

  // No /bin/sh in the final image.
  @Test
  void hasNoShell() {
    Docker.Result result =
        Docker.run(
            "run",
            "--rm",
            "--network",
            "none",
            "--entrypoint",
            "/bin/sh",
            ContainerSupport.image(),
            "-c",
            "true");

    assertNotEquals(0, result.exitCode(), "a shell ran: " + result);
  }

  // The OCI labels are present (revision, version, source, title, created).
  @Test
  void carriesTheOciLabels() throws IOException {
    JsonNode labels = config().get("Labels");

    assertEquals(
        ContainerSupport.property("imageRevision"),
        labels.get("org.opencontainers.image.revision").asText());
    assertEquals(
        ContainerSupport.property("imageVersion"),
        labels.get("org.opencontainers.image.version").asText());
    assertEquals("market-data-service", labels.get("org.opencontainers.image.title").asText());
    // The repository, as the Buildx path labels it too: not the module's URL Maven would derive.
    String source = labels.get("org.opencontainers.image.source").asText();
    assertEquals(ContainerSupport.property("imageSource"), source);
    assertFalse(source.endsWith("/container"), source);
    assertTrue(
        labels
            .get("org.opencontainers.image.created")
            .asText()
            .matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
  }

  // Tagged with the version and the commit SHA; the revision label equals the commit.
  @Test
  void isTaggedAndLabelledWithTheCommitItWasBuiltFrom() {
    String revision = ContainerSupport.property("imageRevision");
    Path root = ContainerSupport.repositoryRoot();
    // Inside git (as in CI) the revision is the checked-out commit; a source tarball says "no-git".
    String expected = Files.exists(root.resolve(".git")) ? Git.head(root) : "no-git";

    assertEquals(expected, revision);
    String tags =
        Docker.ok("image", "inspect", "-f", "{{join .RepoTags \" \"}}", ContainerSupport.image());
    assertTrue(tags.contains("market-data-service:" + revision), tags);
    assertTrue(
        tags.contains("market-data-service:" + ContainerSupport.property("imageVersion")), tags);
  }

  // The AOT cache is used at start, asserted from the JVM's own log.
  @Test
  void loadsTheApplicationFromTheAotCacheAtStart() throws IOException {
    // The image's own ENTRYPOINT, with the JVM's class-loading log added just before -jar.
    // (JDK_JAVA_OPTIONS would not do: jvm.options' -Xlog:disable comes after it.)
    List<String> entrypoint = new ArrayList<>();
    config().get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
    entrypoint.add(entrypoint.indexOf("-jar"), "-Xlog:class+load=info:stderr");
    List<String> args =
        new ArrayList<>(
            List.of("run", "--rm", "--network", "none", "--entrypoint", entrypoint.getFirst()));
    args.add(ContainerSupport.image());
    args.addAll(entrypoint.subList(1, entrypoint.size()));
    args.add("--version");

    Docker.Result result = Docker.run(args.toArray(String[]::new));

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(
        result.stderr().contains("dev.marketdata.bootstrap.Main source: shared objects file"),
        "Main was not loaded from the AOT cache:\n" + result.stderr().lines().limit(20).toList());
    assertFalse(result.stderr().contains("[warning]"), result.stderr());
  }
}
