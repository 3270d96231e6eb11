#!/usr/bin/env bash
# Start -> "healthy" (Docker's own HEALTHCHECK, i.e. the app's --probe) of the project's image.
# Docker runs the first health check one --health-interval after start, so the figure is bound by
# that interval: measured with the image's own settings (10 s) and with --health-interval 1s.
#
# Usage: bench/start-to-healthy.sh [image] [runs]     (needs nats-server and a Docker engine)
set -euo pipefail
image=${1:-market-data-service:0.1.0-SNAPSHOT}
runs=${2:-5}
nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
nats_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$nats_bin" -a 127.0.0.1 -p "$nats_port" >/dev/null 2>&1 &
nats_pid=$!
trap 'kill $nats_pid 2>/dev/null || true' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() { # $@: extra docker run options
  local start cid status
  start=$(date +%s%N)
  cid=$(docker run -d --network host -e NATS_URL="nats://127.0.0.1:$nats_port" -e HEALTH_PORT=18181 "$@" "$image")
  until status=$(docker inspect -f '{{.State.Health.Status}}' "$cid") && [ "$status" = healthy ]; do
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  docker rm -f "$cid" >/dev/null
}

for label in "image defaults (interval 10s)" "--health-interval 1s"; do
  values=()
  for _ in $(seq "$runs"); do
    if [ "$label" = "--health-interval 1s" ]; then values+=("$(measure --health-interval 1s)"); else values+=("$(measure)"); fi
  done
  echo "start -> healthy, $label: median $(printf '%s\n' "${values[@]}" | median) ms over $runs runs (${values[*]})"
done
