#!/usr/bin/env bash
# The AOT cache holds what the build host's JVM made on the build host's CPU. This runs the image's
# own runtime (JRE, cache, jar) under qemu as older x86-64 CPUs, the cache required: ready, its
# classes used, no JVM warning, exit 0 on SIGTERM. If it fails, build the cache without host-specific
# parts (as -XX:-AOTAdapterCaching did). Usage: .ci/aot-portability.sh IMAGE [QEMU_CPU ...]
# (default: Nehalem, x86-64-v2 without AVX; Haswell-v1, x86-64-v3 without AVX-512).
set -euo pipefail
image=$1; shift
cpus=("$@"); [ $# -gt 0 ] || cpus=(Nehalem Haswell-v1)
say() { echo "ci: aot-portability: $*"; }
fail() { echo "ci: aot-portability: $*" >&2; exit 1; }

command -v qemu-x86_64-static >/dev/null || fail "qemu-x86_64-static missing (Debian: qemu-user-static)"
dir=$(mktemp -d) name="mds-aot-port-$$" nats_pid="" java_pid=""
cleanup() {
  [ -z "$java_pid" ] || kill -9 "$java_pid" 2>/dev/null || true
  [ -z "$nats_pid" ] || kill "$nats_pid" 2>/dev/null || true
  docker rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
docker create --name "$name" "$image" >/dev/null
docker cp -q "$name:/opt/java/jre" "$dir/jre" && docker cp -q "$name:/app" "$dir/app"
read -r nats_port health_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
/usr/sbin/nats-server -a 127.0.0.1 -p "$nats_port" >"$dir/nats.log" 2>&1 &
nats_pid=$!

for cpu in "${cpus[@]}"; do
  start=$(date +%s%N)
  (cd "$dir" && exec env NATS_URL="nats://127.0.0.1:$nats_port" HEALTH_PORT="$health_port" \
    NATS_CLIENT_ID=aot-portability NATS_RECONNECT_WAIT=100ms \
    qemu-x86_64-static -cpu "$cpu" jre/bin/java @app/jvm.options -XX:AOTMode=on \
    -XX:AOTCache=app/app.aot -Xlog:aot=info:file="aot-$cpu.log" -jar app/market-data-service.jar \
    >"$dir/stdout.log" 2>"$dir/stderr.log") &
  java_pid=$!
  # Ready in 2.5 s here under emulation; 60 s is room for a loaded machine.
  ready=""
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$health_port/health/ready" >/dev/null 2>&1 && { ready=yes; break; }
    kill -0 "$java_pid" 2>/dev/null || break
    sleep 0.25
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  [ -n "$ready" ] || { tail -n 5 "$dir/stderr.log" "$dir/stdout.log" >&2; fail "not ready as a $cpu CPU within ${ms} ms"; }
  kill -TERM "$java_pid"
  code=0; wait "$java_pid" || code=$?; java_pid=""
  [ "$code" -eq 0 ] || fail "exit $code after SIGTERM as a $cpu CPU, expected 0"
  grep -q 'Using AOT-linked classes: true' "$dir/aot-$cpu.log" || fail "the AOT cache was not used as a $cpu CPU"
  # qemu names the host features it cannot emulate; anything else on stderr is the JVM's.
  if grep -v "^qemu-x86_64-static: warning: TCG doesn't support requested feature" "$dir/stderr.log" >&2; then
    fail "the JVM warned as a $cpu CPU (above)"
  fi
  say "ready in ${ms} ms as a $cpu CPU, AOT cache used, exit 0 on SIGTERM"
done
