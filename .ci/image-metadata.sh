#!/usr/bin/env bash
# The image's build arguments for the workflows' build steps, appended to $GITHUB_OUTPUT (printed
# when unset): version, created, and source (the repository it runs in, so a fork names itself).
# --release: created is the commit's time (the same for both architectures), image is GHCR's name,
# and GITHUB_REF_NAME must be v<version>.
set -euo pipefail
cd "$(dirname "$0")/.."

emit() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >> "$GITHUB_OUTPUT"; else echo "$1"; fi; }
version=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
emit "version=$version"
[ -z "${GITHUB_REPOSITORY:-}" ] ||
  emit "source=${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY"
[ "${1:-}" = --release ] || { emit "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; exit 0; }
[ "v$version" = "${GITHUB_REF_NAME:-}" ] ||
  { echo "::error::tag ${GITHUB_REF_NAME:-(none)} does not match the project version $version" >&2; exit 1; }
emit "created=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)"
owner=${GITHUB_REPOSITORY_OWNER:-market-data}
emit "image=ghcr.io/${owner,,}/market-data-service"
