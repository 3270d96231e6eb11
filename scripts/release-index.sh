#!/usr/bin/env bash
# The release's publish step: tags the started digests (one file per architecture, each holding
# the digest its build job pushed and probed) as one multi-arch image, IMAGE:VERSION and
# IMAGE:$GITHUB_SHA, and writes the index digest and the started references to $GITHUB_OUTPUT for
# signing. imagetools copies manifests, it builds nothing. .ci/run rehearses it on a local registry.
# Usage: scripts/release-index.sh IMAGE VERSION DIGEST_FILE...
set -euo pipefail
die() { echo "release-index: $*" >&2; exit 1; }
image=${1:?usage: scripts/release-index.sh IMAGE VERSION DIGEST_FILE...}
version=${2:?usage: scripts/release-index.sh IMAGE VERSION DIGEST_FILE...}
shift 2
[ $# -gt 0 ] || die "no started digest given"
started=()
for file in "$@"; do
  digest=$(cat "$file")
  [[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || die "$file holds no sha256 digest"
  started+=("$image@$digest")
done
docker buildx imagetools create --tag "$image:$version" --tag "$image:${GITHUB_SHA:?}" "${started[@]}"
index=$(docker buildx imagetools inspect "$image:$version" --format '{{json .Manifest}}' | jq -r .digest)
echo "digest=$index" >>"${GITHUB_OUTPUT:?}"
echo "started=${started[*]}" >>"$GITHUB_OUTPUT"
