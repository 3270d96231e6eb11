#!/usr/bin/env bash
# The publish path, proven against a real registry on loopback (the CNCF distribution registry,
# Debian's docker-registry): fabric8's docker:push (the plugin that builds the image), the local
# copy removed, a pull back by digest, the release's probe step on that digest (.ci/probe-image.sh:
# healthy with its AOT cache, exit 0 on stop), and the labels and SBOM unchanged.
# What GHCR adds on top (authentication, multi-arch manifests, attestations, signatures) cannot be
# proven here; the README says so. Run after `./mvnw -B -ntp verify` built the image.
#
# Everything it starts (the registry; the probe's nats-server and container) is stopped on
# exit, and the image's local tags are restored, even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

log_dir=${CI_LOG_DIR:-${TMPDIR:-/tmp}/market-data-service-ci}
mkdir -p "$log_dir"
say() { echo "registry-roundtrip: $*"; }
die() { echo "registry-roundtrip: $*" >&2; exit 1; }

version=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
image=market-data-service:$version
docker image inspect "$image" >/dev/null 2>&1 || die "no image $image: run ./mvnw -B -ntp verify first"
image_id=$(docker image inspect -f '{{.Id}}' "$image")
mapfile -t local_tags < <(docker image inspect -f '{{range .RepoTags}}{{println .}}{{end}}' "$image_id" | grep .)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
registry_port=$(free_port)
registry=127.0.0.1:$registry_port
registry_pid=""
reference=""
cleanup() {
  # Whatever happened, the tags mvn verify made are back.
  for tag in "${local_tags[@]}"; do
    docker image inspect "$tag" >/dev/null 2>&1 || docker tag "$image_id" "$tag" >/dev/null 2>&1 || true
  done
  [ -n "$reference" ] && docker rmi "$reference" >/dev/null 2>&1 || true
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---- 1. A registry on loopback ----------------------------------------------------------------
cat > "$work/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/data
http:
  addr: $registry
YAML
docker-registry serve "$work/config.yml" >"$log_dir/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://$registry/v2/', timeout=1)" 2>/dev/null && break
  sleep 0.2
done
say "registry on $registry (log: $log_dir/registry.log)"

# ---- 2. What must come back unchanged ---------------------------------------------------------
labels() { docker image inspect -f '{{json .Config.Labels}}' "$1"; }
sbom() {
  local c
  c=$(docker create "$1")
  docker cp "$c:/app/sbom.cdx.json" - | tar -xOf - | sha256sum | cut -d" " -f1
  docker rm "$c" >/dev/null
}
labels_before=$(labels "$image")
sbom_before=$(sbom "$image")

# ---- 3. Push with fabric8 ---------------------------------------------------------------------
say "./mvnw -B -ntp -pl container initialize docker:push -Ddocker.push.registry=$registry"
./mvnw -B -ntp -pl container initialize docker:push -Ddocker.push.registry="$registry" \
  >"$log_dir/docker-push.log" 2>&1 || { tail -30 "$log_dir/docker-push.log" >&2; die "push failed"; }
# The digest as the registry itself reports it (fabric8 untags the registry name after pushing).
digest=$(python3 - "$registry" "$version" <<'PY'
import sys, urllib.request
registry, version = sys.argv[1:]
request = urllib.request.Request(
    f"http://{registry}/v2/market-data-service/manifests/{version}", method="HEAD",
    headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json"})
print(urllib.request.urlopen(request, timeout=10).headers["Docker-Content-Digest"])
PY
)
[ -n "$digest" ] || die "the registry reports no digest for market-data-service:$version"
reference=$registry/market-data-service@$digest
say "pushed: $reference"

# ---- 4. Remove every local copy, pull back by digest ------------------------------------------
docker rmi "${local_tags[@]}" >/dev/null
if docker image inspect "$image_id" >/dev/null 2>&1; then die "the local image $image_id is still there"; fi
docker pull -q "$reference" >/dev/null
say "pulled back by digest; image id $(docker image inspect -f '{{.Id}}' "$reference")"

# ---- 5. It runs: the release's own probe step, on the digest the registry reported -------------
bash .ci/workflow-steps.sh run release-probe \
  steps.meta.outputs.image="$registry/market-data-service" steps.build.outputs.digest="$digest"

# ---- 6. Labels and SBOM unchanged --------------------------------------------------------------
[ "$(labels "$reference")" = "$labels_before" ] || die "labels changed: $(labels "$reference") vs $labels_before"
[ "$(sbom "$reference")" = "$sbom_before" ] || die "the SBOM changed across the registry"
say "pushed, pulled by digest, probed as the release probes it; labels and SBOM unchanged"
