#!/usr/bin/env bash
# Runs a command and fails if it changed this Docker engine: its swarm state, containers,
# networks, volumes, or any image but those the build makes (market-data-service:*, untagged
# build stages). With --swarm, the engine is a single-node swarm manager for the command (when it
# is not one already; it leaves the swarm again after). Used by .ci/run and the CI workflow.
#   .ci/engine-unchanged.sh [--swarm] COMMAND [ARGS...]
set -euo pipefail

leave() { docker swarm leave --force >/dev/null || true; docker network rm docker_gwbridge >/dev/null 2>&1 || true; }
if [ "${1:-}" = --swarm ] && shift &&
  [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = inactive ]; then
  echo "engine-unchanged: a single-node swarm for SwarmIT, left again after"
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  trap leave EXIT
fi

state() {
  {
    docker info --format 'swarm {{.Swarm.LocalNodeState}}'
    docker ps -a --format 'container {{.ID}} {{.Names}}'
    # docker_gwbridge: the swarm's own, made by the engine for the first swarm container.
    docker network ls --format 'network {{.ID}} {{.Name}}' | grep -v ' docker_gwbridge$'
    docker volume ls --format 'volume {{.Name}}'
    docker images --format 'image {{.Repository}}:{{.Tag}} {{.ID}}' |
      grep -v -e '^image market-data-service:' -e '^image <none>:<none> ' || true
  } | sort
}
before=$(state)
ids_before=$(docker images -aq --no-trunc | sort -u)

"$@"
what=${*: -3}
after=$(state)
[ "$before" = "$after" ] || { echo "engine-unchanged: '... $what' changed the engine (< before, > after):" >&2
  diff <(echo "$before") <(echo "$after") >&2; exit 1; }
removed=$(comm -23 <(echo "$ids_before") <(docker images -aq --no-trunc | sort -u))
[ -z "$removed" ] || { echo "engine-unchanged: '... $what' removed images: $removed" >&2; exit 1; }
echo "engine-unchanged: the engine is as '... $what' found it"
