#!/usr/bin/env bash
# Validates deploy/kubernetes offline against the Kubernetes API schemas (npm kubernetes-models)
# and checks the promises the README makes about it. No cluster is needed, or used.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service/manifest-lint
if [ ! -f "$tools/node_modules/kubernetes-models/package.json" ] || [ ! -f "$tools/node_modules/yaml/package.json" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    kubernetes-models@5.1.0 yaml@2.9.1 >/dev/null
fi
node .ci/validate-manifests.mjs "$tools/node_modules" deploy/kubernetes
