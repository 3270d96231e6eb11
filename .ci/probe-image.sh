#!/usr/bin/env bash
# Starts an image as production runs it (non-root, read-only, no capabilities, bounded memory and
# PIDs) beside a nats-server, with its AOT cache required, and proves it: healthy, then exit 0
# with its final `stopped` line on `docker stop`. The release runs it on each architecture's
# pushed digest before signing; .ci/run on the digest it pulled back from a loopback registry.
# Usage: .ci/probe-image.sh IMAGE_REFERENCE   (needs Docker, nats-server and python3)
set -euo pipefail

reference=${1:?usage: .ci/probe-image.sh IMAGE_REFERENCE}
say() { echo "probe-image: $*"; }
die() { echo "probe-image: $*" >&2; exit 1; }

nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
[ -x "$nats_server" ] || die "nats-server missing (Debian and Ubuntu: apt-get install nats-server)"
name=mds-probe-$$
work=$(mktemp -d)
nats_pid=""
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  [ -z "$nats_pid" ] || kill "$nats_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

read -r nats_port health_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
"$nats_server" -a 127.0.0.1 -p "$nats_port" >"$work/nats.log" 2>&1 &
nats_pid=$!

# The limits of the stack's file; -XX:AOTMode=on: a JVM that cannot map the AOT cache exits.
memory=$(sed -n 's/^x-service-memory: &service-memory //p' "$(dirname "$0")/../docker-compose.yml")
docker run -d --name "$name" --network host --read-only --tmpfs /tmp --cap-drop ALL \
  --security-opt no-new-privileges --memory "$memory" --memory-swap "$memory" --cpus 1 --pids-limit 128 \
  --health-interval 1s --health-start-period 30s -e JAVA_TOOL_OPTIONS=-XX:AOTMode=on \
  -e NATS_URL="nats://127.0.0.1:$nats_port" -e HEALTH_PORT="$health_port" "$reference" >/dev/null

status=""
for _ in $(seq 1 60); do
  status=$(docker inspect -f '{{.State.Status}} {{.State.Health.Status}}' "$name")
  [ "$status" = "running healthy" ] && break
  [ "${status%% *}" = running ] || break
  sleep 0.5
done
[ "$status" = "running healthy" ] || { docker logs "$name" 2>&1 | tail -n 20 >&2; die "$reference did not become healthy ($status)"; }

docker stop "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
last=$(docker logs "$name" 2>/dev/null | tail -n 1)
[ "$code" = 0 ] || die "$reference exited $code on docker stop, expected 0"
case "$last" in *'"message":"stopped"'*) ;; *) die "$reference's last line is not its stopped line: $last" ;; esac
say "$reference: healthy with its AOT cache, exit 0 and its stopped line on docker stop"
