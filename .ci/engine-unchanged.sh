#!/usr/bin/env bash
# Runs a command on this Docker engine made a single-node swarm manager (only when it is not one
# already; it leaves the swarm again after), and fails if the command changed the engine: its
# swarm state, containers, networks, volumes, or any image but those the build makes
# (market-data-service:*, untagged build stages). Used by .ci/run and the CI workflow.
#   .ci/engine-unchanged.sh COMMAND [ARGS...]
set -euo pipefail

joined=false
leave() {
  if $joined; then
    docker swarm leave --force >/dev/null || true
    docker network rm docker_gwbridge >/dev/null 2>&1 || true
  fi
}
trap leave EXIT
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = inactive ]; then
  echo "engine-unchanged: a single-node swarm for SwarmIT, left again after"
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  joined=true
fi

state() {
  {
    docker info --format 'swarm {{.Swarm.LocalNodeState}}'
    docker ps -a --format 'container {{.ID}} {{.Names}}'
    docker network ls --format 'network {{.ID}} {{.Name}}'
    docker volume ls --format 'volume {{.Name}}'
    docker images --format 'image {{.Repository}}:{{.Tag}} {{.ID}}' |
      grep -v -e '^image market-data-service:' -e '^image <none>:<none> ' || true
  } | sort
}
before=$(state)
ids_before=$(docker images -aq --no-trunc | sort -u)

"$@"

after=$(state)
[ "$before" = "$after" ] || {
  echo "engine-unchanged: '$*' changed the engine (< before, > after):" >&2
  diff <(echo "$before") <(echo "$after") >&2
  exit 1
}
removed=$(comm -23 <(echo "$ids_before") <(docker images -aq --no-trunc | sort -u))
[ -z "$removed" ] || { echo "engine-unchanged: '$*' removed images: $removed" >&2; exit 1; }
echo "engine-unchanged: the engine is as '$1 ...' found it"
