# market-data-service container image.
#
# Built by `mvn verify` (fabric8, container module) and, from the same jar, by a plain
#   docker build -t market-data-service:local .
# from the repository root (the path GitHub Actions / Buildx uses). Both read only
# bootstrap/target/market-data-service.jar: see .dockerignore and container/pom.xml.
#
# Base images are pinned by tag in the FROM lines themselves, where Dependabot reads and updates
# them. The release workflow pins them further by digest (Buildx build contexts); without
# registry access, scripts/build-base-images.sh builds local stand-ins under these names.

# ---------------------------------------------------------------------------------------------
# Stage 1: a minimal Java runtime, the application, and its AOT cache.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:25.0.3_9-jdk-noble AS builder

# Explicit module list: what jdeps finds, minus what this service cannot reach. logback is
# configured in code (JsonLogging), so neither its XML configuration (java.xml) nor its JNDI
# lookups (java.naming) are ever loaded: the training run, ImageIT and ContainerIT exercise every
# mode on this runtime. jdk.unsupported is the encoder's, jdk.httpserver ours, java.management and
# jdk.management the JVM and process metrics'.
# --strip-java-debug-attributes rather than --strip-debug: the latter adds only objcopy's native
# stripping, which needs binutils in the builder and saves nothing (Temurin's libjvm.so carries no
# debug sections). No default CDS archive (28 MB): the AOT cache below serves the service and the
# probe alike.
# The JIT compiler thread at nice 10: at start it competes for the two cores with the threads on
# the way to ready, and compiling later costs an I/O-bound service nothing (start to ready 150 ->
# 141 ms on the host, 30 interleaved runs each). Built into the runtime (--add-options) rather than
# set in jvm.options: from there, the JVM warns on every start by a non-root user that the policy
# may need privileges, though lowering a thread's priority needs none.
RUN jlink \
      --add-modules java.base,java.logging,java.management,jdk.httpserver,jdk.management,jdk.unsupported \
      --add-options="-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=10" \
      --strip-java-debug-attributes \
      --no-header-files \
      --no-man-pages \
      --compress=zip-6 \
      --output /opt/java/jre

WORKDIR /app
COPY bootstrap/target/market-data-service.jar /app/market-data-service.jar
# The CycloneDX SBOM of what the jar ships (Maven's view: every library with its exact version).
COPY bootstrap/target/market-data-service.cdx.json /app/sbom.cdx.json

# The JVM flags of the service, in one file that both the training run and the ENTRYPOINT read
# (an AOT cache is only used by a JVM started with compatible flags).
#   container-aware heap at a quarter of the limit, because the HEALTHCHECK's probe JVM shares
#   the same memory cgroup; C1 only, because C2's compiler arenas were the largest transient in
#   RSS under load (an OOM kill at --memory 96m) while this service's hot paths wait on I/O;
#   serial GC (one core, small heap); malloc's freed memory handed back to the system every 5 s
#   (glibc keeps it otherwise: about 5 MB of idle RSS); die on OOM so the orchestrator restarts
#   us; no hsperfdata file (read-only root filesystem); the JVM's own warnings go to stderr, so
#   stdout stays JSON only.
#   No replay of the cache's method profiles: JDK 25 records them in the AOT cache and, at start,
#   compiles at once what was hot during training. That serves C2, which this JVM does not run;
#   here the burst of C1 compiles only competed with the start itself for the CPU (C1's share of
#   the CPU to ready fell from about 100 ms to 45 ms). The switch is a diagnostic flag, hence the
#   unlock.
#   SLF4J told its provider instead of scanning the jar for one at each start (its verbosity at
#   WARN, or it would say so on stderr every time): logback, set up by JsonLogging directly rather
#   than by logback's auto-configuration, whose reads of the jar would make main open and index
#   it on the way to ready (the preparation thread does that instead; see JsonLoggingProvider).
#   Reflection through the JDK's native accessors: by default each reflective call site spins
#   method-handle classes on first use (Jackson's record accessors, the security provider's
#   constructor), which the AOT cache cannot hold; eight of them were generated at every start.
#   The service calls reflectively only a few times a second, where native accessors cost nothing.
RUN printf '%s\n' \
      -XX:MaxRAMPercentage=25 \
      -XX:TieredStopAtLevel=1 \
      -XX:+UnlockDiagnosticVMOptions \
      -XX:-AOTReplayTraining \
      -XX:+UseSerialGC \
      -XX:TrimNativeHeapInterval=5000 \
      -XX:+ExitOnOutOfMemoryError \
      -XX:-UsePerfData \
      -Dslf4j.provider=dev.marketdata.bootstrap.logging.JsonLoggingProvider \
      -Dslf4j.internal.verbosity=WARN \
      -Djdk.reflect.useNativeAccessorOnly=true \
      -Xlog:disable \
      -Xlog:all=warning:stderr \
    > /app/jvm.options

# Training run: the real start-up, NATS connect, heartbeat and shutdown paths (against the app's
# in-process NATS stand-in), on the same runtime, paths, flags and jar as production, recorded
# into the JDK 25 AOT cache in the same step that sees the jar. --train exits non-zero when the
# run never became ready, so a cache without the connected path fails the build.
RUN { /opt/java/jre/bin/java @/app/jvm.options -XX:AOTCacheOutput=/app/app.aot \
        -cp /app/market-data-service.jar dev.marketdata.bootstrap.Main --train > /tmp/training.log \
      || { cat /tmp/training.log; exit 1; }; } \
    && test -s /app/app.aot

# ---------------------------------------------------------------------------------------------
# Stage 2: the runtime. Shell-less, glibc only, non-root. No package manager, no ADD, no secrets.
# ---------------------------------------------------------------------------------------------
FROM gcr.io/distroless/base-nossl-debian12:nonroot

ARG VERSION=unknown
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/market-data/market-data-service
LABEL org.opencontainers.image.title="market-data-service" \
      org.opencontainers.image.description="Publishes market data on NATS" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"

COPY --from=builder /opt/java/jre /opt/java/jre
COPY --from=builder /app /app

# glibc's per-thread malloc arenas otherwise hold on to memory a small cgroup cannot spare.
ENV MALLOC_ARENA_MAX=2

USER 65532:65532
WORKDIR /app
EXPOSE 8080
STOPSIGNAL SIGTERM

# The app's own probe mode: no shell, no curl. Lean flags (C1 only, no profile replay, tiny heap,
# the service's AOT cache for class loading) keep each probe cheap.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/opt/java/jre/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining", "-XX:+UseSerialGC", "-Xmx16m", "-Xss256k", "-XX:-UsePerfData", "-Xlog:disable", "-XX:AOTCache=/app/app.aot", "-cp", "/app/market-data-service.jar", "dev.marketdata.bootstrap.Main", "--probe"]

# -cp and the main class rather than -jar: the same jar and class, but the launcher then does not
# open the jar (4,400 entries) only to read its manifest; the class loader opens it again anyway.
ENTRYPOINT ["/opt/java/jre/bin/java", "@/app/jvm.options", "-XX:AOTCache=/app/app.aot", "-cp", "/app/market-data-service.jar", "dev.marketdata.bootstrap.Main"]
