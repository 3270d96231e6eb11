#!/usr/bin/env bash
# Rehearses the release's registry steps on a registry of its own (Debian's docker-registry, on
# loopback): IMAGE pushed, its digest pulled back, started and probed (.ci/probe-image.sh), then
# tagged as the release's index (scripts/release-index.sh). Without docker buildx (Debian 12 has
# none), Debian 13's plugin serves imagetools from a DOCKER_CONFIG of its own: `docker build` stays
# as it is. Removes what it made. Usage: scripts/release-rehearsal.sh IMAGE:VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:?usage: scripts/release-rehearsal.sh IMAGE:VERSION}
die() { echo "release-rehearsal: $*" >&2; exit 1; }
type -P docker-registry >/dev/null || die "needs Debian's docker-registry (apt-get install docker-registry)"
if ! docker buildx version >/dev/null 2>&1; then
  export DOCKER_CONFIG=${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service/docker-config
  plugin=$DOCKER_CONFIG/cli-plugins/docker-buildx
  if [ ! -x "$plugin" ]; then
    pool=http://deb.debian.org/debian
    deb=$(curl -fsS "$pool/dists/trixie/main/binary-$(dpkg --print-architecture)/Packages.xz" | xz -d |
      awk '/^Package: docker-buildx$/ {p = 1} p && /^Filename:/ && !n++ {print $2}')
    mkdir -p "$(dirname "$plugin")"
    curl -fsS "$pool/$deb" | dpkg-deb --fsys-tarfile /dev/stdin |
      tar -xO ./usr/libexec/docker/cli-plugins/docker-buildx >"$plugin.part"
    chmod +x "$plugin.part" && mv "$plugin.part" "$plugin"
  fi
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
repository=127.0.0.1:$port/market-data-service
printf 'version: 0.1\nstorage: {filesystem: {rootdirectory: %s}}\nhttp: {addr: "127.0.0.1:%s"}\n' \
  "$work/data" "$port" >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry=$!
cleanup() {
  docker rmi "$repository:rehearsal" "${pulled:-$repository:rehearsal}" >/dev/null 2>&1 || true
  kill "$registry" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done

# The build job: pushed (by tag here: the legacy builder cannot push by digest alone), started
# from the registry by its digest, recorded.
docker tag "$image" "$repository:rehearsal"
docker push -q "$repository:rehearsal" >/dev/null || { cat "$work/registry.log" >&2; die "push failed"; }
pulled=$(docker inspect --format '{{index .RepoDigests 0}}' "$repository:rehearsal")
docker rmi "$repository:rehearsal" >/dev/null
docker pull -q "$pulled" >/dev/null
bash .ci/probe-image.sh "$pulled"
echo "${pulled#*@}" >"$work/digest-0"

# The publish job, then what it tagged: an index of exactly the started digest.
GITHUB_SHA=$(git rev-parse HEAD) GITHUB_OUTPUT=$work/output bash scripts/release-index.sh \
  "$repository" "${image##*:}" "$work/digest-0" 2>"$work/index.log" || { cat "$work/index.log" >&2; exit 1; }
grep -qxF "started=$pulled" "$work/output" || die "the started reference is not what it signs: $(cat "$work/output")"
listed=$(docker buildx imagetools inspect "$repository:${image##*:}" --raw | jq -r '[.manifests[].digest] | join(" ")')
[ "$listed" = "${pulled#*@}" ] || die "the index lists $listed, not the started ${pulled#*@}"
echo "release-rehearsal: pushed, started from the registry, and tagged as $repository:${image##*:}"
