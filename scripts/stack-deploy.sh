#!/usr/bin/env bash
# Deploys deploy/swarm/stack.yml to Docker
# Swarm as stack NAME, after checking that every image it names is on this node (nothing is
# pulled: there may be no registry).
#
#   scripts/stack-deploy.sh NAME [-c EXTRA.yml ...]
#
# Exit 0 deployed; 64 bad usage; 69 an image is missing (the message says how to get it);
# otherwise docker stack deploy's own code. Settings come from the environment, as for Compose
# (MDS_IMAGE_TAG, MDS_REPLICAS, NATS_URL...). More: docs/swarm.md.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 1 ] && [[ $1 != -* ]] || { echo "usage: scripts/stack-deploy.sh NAME [-c EXTRA.yml ...]" >&2; exit 64; }
stack=$1
shift
files=(-c deploy/swarm/stack.yml "$@")

missing=0
for image in $(docker stack config "${files[@]}" | sed -n 's/^ *image: *//p' | sort -u); do
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    missing=1
    case $image in
      market-data-service:*) how="build it with ./mvnw -B -ntp verify, or load a saved one: docker load -i FILE.tar" ;;
      *) how="build a local stand-in with scripts/build-base-images.sh, or docker pull it where a registry is reachable" ;;
    esac
    echo "stack-deploy: image $image is not on this node: $how. On a swarm of several nodes, every node needs it (docker save | docker load, or a registry)." >&2
  fi
done
[ $missing -eq 0 ] || exit 69

exec docker stack deploy --resolve-image never "${files[@]}" "$stack"
