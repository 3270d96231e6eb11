#!/usr/bin/env bash
# Starts an image as production runs it (non-root, read-only, no capabilities, the stack's memory,
# bounded PIDs, its AOT cache required) beside the stack's NATS, and proves it healthy, then exit 0
# with its `stopped` line on `docker stop`. The release runs it on each pushed digest before
# signing; .ci/run on the image pulled from a local registry.  Usage: .ci/probe-image.sh IMAGE
set -euo pipefail
compose="$(dirname "$0")/../docker-compose.yml"
reference=${1:?usage: .ci/probe-image.sh IMAGE_REFERENCE}
die() { echo "probe-image: $*" >&2; exit 1; }

name=mds-probe-$$
cleanup() { docker rm -f "$name" "$name-nats" >/dev/null 2>&1 || true; docker network rm "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
docker network create "$name" >/dev/null
docker run -d --name "$name-nats" --network "$name" "$(sed -n 's/^ *image: *\(nats:.*\)/\1/p' "$compose")" >/dev/null

# -XX:AOTMode=on: a JVM that cannot map the AOT cache exits.
memory=$(sed -n 's/^x-service-memory: &service-memory //p' "$compose")
docker run -d --name "$name" --network "$name" --read-only --tmpfs /tmp --cap-drop ALL \
  --security-opt no-new-privileges --memory "$memory" --memory-swap "$memory" --cpus 1 --pids-limit 128 \
  --health-interval 1s --health-start-period 30s -e JAVA_TOOL_OPTIONS=-XX:AOTMode=on \
  -e NATS_URL="nats://$name-nats:4222" "$reference" >/dev/null

status=""
for _ in $(seq 1 60); do
  status=$(docker inspect -f '{{.State.Status}} {{.State.Health.Status}}' "$name")
  [ "$status" = "running starting" ] || break
  sleep 0.5
done
[ "$status" = "running healthy" ] || { docker logs "$name" 2>&1 | tail -n 20 >&2; die "$reference did not become healthy ($status)"; }

docker stop "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
last=$(docker logs "$name" 2>/dev/null | tail -n 1)
[ "$code" = 0 ] || die "$reference exited $code on docker stop, expected 0"
[[ $last == *'"message":"stopped"'* ]] || die "$reference's last line is not its stopped line: $last"
echo "probe-image: $reference: healthy with its AOT cache, exit 0 and its stopped line on docker stop"
