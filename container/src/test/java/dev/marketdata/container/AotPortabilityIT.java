package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marketdata.adapters.testsupport.Http;
import dev.marketdata.adapters.testsupport.NatsServer;
import dev.marketdata.adapters.testsupport.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AOT cache holds what the build host's JVM made on the build host's CPU. The image's own
 * runtime, under qemu as an older x86-64 CPU with the cache required, must still use it. If this
 * fails, build the cache without host-specific parts (as -XX:-AOTAdapterCaching did).
 */
class AotPortabilityIT {

  /** Ready in 2.5 s here under emulation; room for a loaded machine. */
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private static final String QEMU_FEATURE_WARNING =
      "qemu-x86_64-static: warning: TCG doesn't support requested feature";

  @TempDir static Path runtime;

  // Nehalem: x86-64-v2, no AVX. Haswell-v1: x86-64-v3, AVX2, no AVX-512.
  @ParameterizedTest
  @ValueSource(strings = {"Nehalem", "Haswell-v1"})
  void theImagesCacheServesAnOlderCpu(String cpu) throws Exception {
    copyRuntimeOnce();
    int port = NatsServer.freePort();
    try (NatsServer nats = NatsServer.start()) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  "qemu-x86_64-static",
                  "-cpu",
                  cpu,
                  "jre/bin/java",
                  "@app/jvm.options",
                  "-XX:AOTMode=on",
                  "-XX:AOTCache=app/app.aot",
                  "-Xlog:aot=info:file=aot-" + cpu + ".log",
                  "-jar",
                  "app/market-data-service.jar")
              .directory(runtime.toFile())
              .redirectOutput(runtime.resolve("stdout-" + cpu + ".log").toFile())
              .redirectError(runtime.resolve("stderr-" + cpu + ".log").toFile());
      builder.environment().put("NATS_URL", nats.url());
      builder.environment().put("HEALTH_PORT", String.valueOf(port));
      builder.environment().put("NATS_CLIENT_ID", "aot-portability");
      Process java = builder.start();
      try {
        Waits.until(
            READY_WITHIN,
            "ready as a " + cpu + " CPU",
            () -> Http.status(port, "/health/ready") == 200 || !java.isAlive(),
            () -> "");
        assertEquals(200, Http.status(port, "/health/ready"), "not ready as a " + cpu + " CPU");
        java.destroy();
        assertTrue(java.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
        assertEquals(0, java.exitValue(), "exit code after SIGTERM as a " + cpu + " CPU");
      } finally {
        java.destroyForcibly();
      }
    }
    assertTrue(
        Files.readString(runtime.resolve("aot-" + cpu + ".log"))
            .contains("Using AOT-linked classes: true"),
        "the AOT cache was not used as a " + cpu + " CPU");
    List<String> jvmWarnings =
        Files.readAllLines(runtime.resolve("stderr-" + cpu + ".log")).stream()
            .filter(line -> !line.startsWith(QEMU_FEATURE_WARNING))
            .toList();
    assertEquals(List.of(), jvmWarnings, "the JVM warned as a " + cpu + " CPU");
  }

  private static synchronized void copyRuntimeOnce() {
    if (Files.exists(runtime.resolve("app"))) {
      return;
    }
    String name = ContainerSupport.uniqueName();
    Docker.ok("create", "--name", name, ContainerSupport.image());
    try {
      Docker.ok("cp", "-q", name + ":/opt/java/jre", runtime.resolve("jre").toString());
      Docker.ok("cp", "-q", name + ":/app", runtime.resolve("app").toString());
    } finally {
      Docker.ok("rm", name);
    }
  }
}
