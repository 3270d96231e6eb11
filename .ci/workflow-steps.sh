#!/usr/bin/env bash
# Runs the workflows' own run: steps here, as written (.ci/workflow-steps.cjs says which and how).
set -euo pipefail
cd "$(dirname "$0")/.."

modules=$(bash .ci/node-tools.sh)
NODE_PATH="$modules" exec node .ci/workflow-steps.cjs "$@"
