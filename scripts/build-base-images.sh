#!/usr/bin/env bash
# Building without registry access.
#
# Makes sure every base image the Dockerfile names, and the NATS image docker-compose.yml names,
# exists in the local Docker engine:
#   1. already present            -> nothing to do;
#   2. pullable from its registry -> pulled (the normal case on a connected machine);
#   3. otherwise                  -> a local stand-in is built under the exact same name, from
#                                    Debian packages (mmdebstrap) and this machine's Temurin 25 JDK.
#
# The stand-ins mirror what the real images provide:
#   builder: the gcc stand-in (Debian packages with a shell and binutils) and a full JDK 25 at
#            /opt/java/openjdk (JAVA_HOME and PATH set), like eclipse-temurin's -jdk images;
#   runtime: a shell-less glibc base (base-files, netbase, tzdata, libc6) with the nonroot user
#            65532 and WORKDIR /home/nonroot, like gcr.io/distroless/base-nossl-debian12:nonroot.
#   gcc:     Debian's gcc and libc6-dev (the health check's static build), like the gcc image;
#   nats:    Debian's nats-server (2.9.10) at /usr/local/bin/nats-server, busybox' wget for the
#            health check, and /etc/nats/nats-server.conf (client 4222, monitoring 8222, cluster
#            6222), like the official alpine variant; docker-compose.yml passes its own arguments.
#   prometheus, alertmanager: Debian's binaries (2.42 and 0.25, from this machine) at
#            /bin/prometheus and /bin/alertmanager on the runtime stand-in, with busybox' wget,
#            user nobody (65534), like prom/prometheus and prom/alertmanager;
#            docker-compose.yml passes their arguments.
#
# Stand-ins carry the label dev.marketdata.stand-in=VERSION; one of an older VERSION is rebuilt.
#
# Usage: scripts/build-base-images.sh [--rebuild]
# Env:   JDK_HOME      JDK 25 to copy into the builder stand-in (default: Temurin 25 under /usr/lib/jvm)
#        DEBIAN_MIRROR Debian mirror for mmdebstrap (default: http://deb.debian.org/debian)
#        PULL_TIMEOUT  seconds to wait for a pull before building a stand-in (default: 60)
set -euo pipefail

cd "$(dirname "$0")/.."
dockerfile=Dockerfile
rebuild=false
[ "${1:-}" = "--rebuild" ] && rebuild=true

jdk_home=${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
pull_timeout=${PULL_TIMEOUT:-60}
suite=bookworm

# The Dockerfile's base images: its stage named builder, and its last stage (the runtime).
builder_image=$(sed -n 's/^FROM \([^ ]*\) AS builder$/\1/p' "$dockerfile")
runtime_image=$(sed -n 's/^FROM \([^ ]*\).*$/\1/p' "$dockerfile" | tail -n 1)
[ -n "$builder_image" ] && [ "$builder_image" != "$runtime_image" ] || {
  echo "build-base-images: could not read the builder and runtime FROM lines of $dockerfile" >&2
  exit 1
}

# The health check's compiler: the stage named healthcheck.
gcc_image=$(sed -n 's/^FROM \([^ ]*\) AS healthcheck$/\1/p' "$dockerfile")
[ -n "$gcc_image" ] || {
  echo "build-base-images: could not read the healthcheck FROM line of $dockerfile" >&2
  exit 1
}

# The stack's Prometheus image (profile "observability").
prometheus_image=$(sed -n 's/^ *image: *\(prom\/prometheus:[^ ]*\) *$/\1/p' docker-compose.yml | head -n 1)
[ -n "$prometheus_image" ] || {
  echo "build-base-images: could not read the Prometheus image from docker-compose.yml" >&2
  exit 1
}

alertmanager_image=$(sed -n 's/^ *image: *\(prom\/alertmanager:[^ ]*\) *$/\1/p' docker-compose.yml | head -n 1)
[ -n "$alertmanager_image" ] || {
  echo "build-base-images: could not read the Alertmanager image from docker-compose.yml" >&2
  exit 1
}

# The stack's NATS image: the first "image: nats:" line of docker-compose.yml.
nats_image=$(sed -n 's/^ *image: *\(nats:[^ ]*\) *$/\1/p' docker-compose.yml | head -n 1)
[ -n "$nats_image" ] || {
  echo "build-base-images: could not read the NATS image from docker-compose.yml" >&2
  exit 1
}

log() { echo "build-base-images: $*"; }

# Raised whenever a stand-in changes, so that engines holding an older one rebuild it.
standin_version=6
standin_label="dev.marketdata.stand-in=$standin_version"

# Present, and not a stand-in of an older version (a pulled image has no such label).
present() {
  local label
  label=$(docker image inspect -f '{{index .Config.Labels "dev.marketdata.stand-in"}}' "$1" 2>/dev/null) &&
    { [ -z "$label" ] || [ "$label" = "$standin_version" ]; }
}

# busybox (Debian's static build) into folder $1, as bin/busybox; extracted once per run.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
busybox_cache=$work/busybox
fetch_busybox() {
  if [ ! -d "$busybox_cache" ]; then
    mkdir -p "$busybox_cache"
    mmdebstrap --quiet --variant=extract --include=busybox-static "$suite" - "$mirror" |
      tar -x -C "$busybox_cache"
  fi
  mkdir -p "$1/bin"
  cp -L "$busybox_cache/bin/busybox" "$1/bin/busybox"
}

try_pull() {
  log "pulling $1 (timeout ${pull_timeout}s)"
  timeout "$pull_timeout" docker pull -q "$1" >/dev/null 2>&1
}

need_tools() {
  command -v mmdebstrap >/dev/null || {
    echo "build-base-images: mmdebstrap is missing: apt-get install mmdebstrap" >&2
    exit 1
  }
  [ -x "$jdk_home/bin/jlink" ] || {
    echo "build-base-images: no JDK 25 at $jdk_home (set JDK_HOME)" >&2
    exit 1
  }
}

# Tags folder $2 (holding its Dockerfile) as image $1, then removes the folder. The CLI warns that
# the legacy builder is deprecated: its output is shown only when the build fails.
build_context() {
  docker build -q -t "$1" "$2" >/dev/null 2>"$2.log" || { cat "$2.log" >&2; exit 1; }
  rm -rf "$2" "$2.log"
}

# On the gcc stand-in: one Debian root serves both.
build_builder() {
  log "building stand-in $builder_image from $gcc_image + $jdk_home"
  local context
  context=$(mktemp -d)
  # cp -L: the JDK's lib/security/cacerts is a symlink into the host's /etc; copy what it points to.
  cp -rL "$jdk_home" "$context/openjdk"
  printf '%s\n' "FROM $gcc_image" 'COPY openjdk /opt/java/openjdk' \
    'ENV JAVA_HOME=/opt/java/openjdk' \
    'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' 'CMD ["jshell"]' "LABEL $standin_label" > "$context/Dockerfile"
  build_context "$builder_image" "$context"
}

# Extracted, not installed (no dpkg run): what the Dockerfile's two stages call, in 18 s, not 43.
build_gcc() {
  log "building stand-in $gcc_image from Debian $suite (gcc, libc6-dev, a shell, find)"
  mmdebstrap --quiet --variant=extract \
    --include=base-files,dash,bash,coreutils,findutils,grep,sed,gcc,libc6-dev,binutils \
    "$suite" - "$mirror" |
    docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' \
      --change "LABEL $standin_label" \
      --message "stand-in for $gcc_image (scripts/build-base-images.sh)" \
      - "$gcc_image" >/dev/null
}

# What an extracted root file system keeps of the package manager and of documentation: nothing.
drop_package_data() {
  rm -rf "$1/var/cache/apt" "$1/var/lib/apt" "$1/var/lib/dpkg" "$1/usr/share/doc" \
    "$1/usr/share/man" "$1/usr/share/info"
}

build_runtime() {
  log "building stand-in $runtime_image from Debian $suite (base-files, netbase, tzdata, libc6)"
  # Laid out in a folder rather than with mmdebstrap hooks: the extract variant runs none.
  local root
  root=$(mktemp -d)
  mmdebstrap --quiet --variant=extract --include=base-files,netbase,tzdata,libc6 \
    "$suite" - "$mirror" | tar -x -C "$root"
  # The users and groups distroless ships: root, nobody, and nonroot (65532), the image's user.
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
    > "$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' > "$root/etc/group"
  mkdir -p "$root/home/nonroot" "$root/tmp"
  chown 65532:65532 "$root/home/nonroot"
  chmod 1777 "$root/tmp"
  drop_package_data "$root"
  tar -C "$root" -c . |
    docker import \
      --change 'USER 65532:65532' \
      --change 'WORKDIR /home/nonroot' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
      --change "LABEL $standin_label" \
      --message "stand-in for $runtime_image (scripts/build-base-images.sh)" \
      - "$runtime_image" >/dev/null
  rm -rf "$root"
}

# $1 image, $2 the Debian binary, $3 its name in the image, $4 its port, $5 a folder it reads.
build_prom_tool() {
  local image=$1 bin=$2 name=$3 port=$4 data=${5:-} context
  [ -x "$bin" ] || {
    echo "build-base-images: $bin not found: apt-get install prometheus prometheus-alertmanager" >&2
    exit 1
  }
  log "building stand-in $image from $runtime_image and $bin"
  context=$(mktemp -d)
  cp "$bin" "$context/$name"
  # busybox runs the applet its name says: this copy is wget, for the health check.
  fetch_busybox "$context"
  printf '%s\n' "FROM $runtime_image" "COPY $name /bin/$name" 'COPY bin/busybox /bin/wget' \
    "LABEL $standin_label" 'USER 65534:65534' "EXPOSE $port" "ENTRYPOINT [\"/bin/$name\"]" \
    > "$context/Dockerfile"
  if [ -n "$data" ]; then
    mkdir -p "$context/data"
    cp -r "$data/." "$context/data/"
    echo "COPY data $data" >> "$context/Dockerfile"
  fi
  build_context "$image" "$context"
}
build_prometheus() { build_prom_tool "$prometheus_image" /usr/bin/prometheus prometheus 9090; }
build_alertmanager() {
  # Debian's build reads its notification templates from here.
  build_prom_tool "$alertmanager_image" /usr/bin/prometheus-alertmanager alertmanager 9093 \
    /usr/share/prometheus/alertmanager
}

build_nats() {
  log "building stand-in $nats_image from Debian $suite's nats-server and busybox"
  # Laid out in a folder rather than with mmdebstrap hooks: the extract variant runs none.
  local root
  root=$(mktemp -d)
  mmdebstrap --quiet --variant=extract --include=base-files,libc6,nats-server,busybox-static \
    "$suite" - "$mirror" | tar -x -C "$root"
  mkdir -p "$root/usr/local/bin" "$root/etc/nats"
  mv "$root/usr/sbin/nats-server" "$root/usr/local/bin/nats-server"
  # busybox runs the applet its name says: this copy is wget, for the health check.
  mv "$root/bin/busybox" "$root/usr/local/bin/wget"
  printf 'port: 4222\nhttp_port: 8222\ncluster {\n  name: local\n  port: 6222\n}\n' \
    > "$root/etc/nats/nats-server.conf"
  drop_package_data "$root"
  tar -C "$root" -c . |
    docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'EXPOSE 4222 6222 8222' \
      --change "LABEL $standin_label" \
      --change 'ENTRYPOINT ["/usr/local/bin/nats-server"]' \
      --change 'CMD ["--config", "/etc/nats/nats-server.conf"]' \
      --message "stand-in for $nats_image (scripts/build-base-images.sh)" \
      - "$nats_image" >/dev/null
  rm -rf "$root"
}

ensure() {
  local image=$1 builder=$2
  if ! $rebuild && present "$image"; then
    log "$image present"
    return
  fi
  if ! $rebuild && try_pull "$image"; then
    log "$image pulled"
    return
  fi
  need_tools
  "$builder"
  log "$image built: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}')"
}

# Side by side; the builder stand-in builds on gcc's, the Prometheus one on the runtime's.
pids=()
{
  ensure "$gcc_image" build_gcc
  ensure "$builder_image" build_builder
} & pids+=($!)
ensure "$nats_image" build_nats & pids+=($!)
{
  ensure "$runtime_image" build_runtime
  ensure "$prometheus_image" build_prometheus
  ensure "$alertmanager_image" build_alertmanager
} & pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit $failed
