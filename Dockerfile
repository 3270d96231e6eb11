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

# The NATS server the training run connects to, from the stack's own pinned image.
FROM nats:2.11.4-alpine AS nats

# The HEALTHCHECK: a static binary, so that a probe costs no JVM (container/src/main/c).
FROM gcc:14-bookworm AS healthcheck
COPY container/src/main/c/healthcheck.c /src/healthcheck.c
RUN gcc -static -Os -s -Wall -Wextra -Werror -o /healthcheck /src/healthcheck.c

# ---------------------------------------------------------------------------------------------
# Stage 1: a minimal Java runtime, the application, and its AOT cache.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:25.0.3_9-jdk-noble AS builder

# What jdeps finds, minus XML and JNDI (logback is configured in code). Why each option and flag,
# and what it bought: docs/start-up.md.
RUN jlink \
      --add-modules java.base,java.logging,java.management,jdk.httpserver,jdk.management,jdk.unsupported \
      --strip-java-debug-attributes \
      --no-header-files \
      --no-man-pages \
      --compress=zip-6 \
      --output /opt/java/jre && \
    # The native libraries' symbol tables: 5 MB the image need not carry (docs/decisions.md).
    find /opt/java/jre -name '*.so' -exec strip --strip-unneeded {} +

WORKDIR /app
COPY bootstrap/target/market-data-service.jar /app/market-data-service.jar
# The CycloneDX SBOM of what the jar ships.
COPY bootstrap/target/market-data-service.cdx.json /app/sbom.cdx.json

# The service's JVM flags, in one file that both the training run and the ENTRYPOINT read: an AOT
# cache is only used by a JVM started with compatible flags. Each flag's reason: docs/start-up.md.
# Both RAM percentages: in a small container the JVM sizes the heap by the Min one (default 50).
RUN printf '%s\n' \
      -XX:MaxRAMPercentage=25 \
      -XX:MinRAMPercentage=25 \
      -XX:TieredStopAtLevel=1 \
      -XX:+UnlockDiagnosticVMOptions \
      -XX:-AOTReplayTraining \
      -XX:-AOTAdapterCaching \
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

# Training run, recorded into the JDK's AOT cache: the service itself, on the production runtime,
# flags and jar, against a real nats-server, until ready, then a clean stop. A run that never
# became ready or did not exit 0 fails the build.
COPY --from=nats /usr/local/bin/nats-server /tmp/nats-server
COPY --from=healthcheck /healthcheck /app/healthcheck
RUN export NATS_URL=nats://127.0.0.1:4222 HEALTH_BIND=127.0.0.1 \
      HEARTBEAT_INTERVAL=100ms JAVA=/opt/java/jre/bin/java JAR=/app/market-data-service.jar; \
    /tmp/nats-server -a 127.0.0.1 -p 4222 > /tmp/nats.log 2>&1 & nats=$!; \
    $JAVA @/app/jvm.options -XX:AOTCacheOutput=/app/app.aot -jar $JAR \
      > /tmp/training.log 2>&1 & service=$!; \
    tries=0; until /app/healthcheck > /dev/null; do \
      tries=$((tries + 1)); [ $tries -lt 300 ] || { cat /tmp/training.log; exit 1; }; sleep 0.1; \
    done; \
    sleep 0.3; kill -TERM $service; wait $service || { cat /tmp/training.log; exit 1; }; \
    kill $nats; test -s /app/app.aot && rm /tmp/nats-server /tmp/*.log

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

# glibc's per-thread malloc arenas would hold on to memory a small cgroup cannot spare.
ENV MALLOC_ARENA_MAX=2

USER 65532:65532
WORKDIR /app
EXPOSE 8080
STOPSIGNAL SIGTERM

HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["/app/healthcheck"]

ENTRYPOINT ["/opt/java/jre/bin/java", "@/app/jvm.options", "-XX:AOTCache=/app/app.aot", "-jar", "/app/market-data-service.jar"]
