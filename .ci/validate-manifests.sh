#!/usr/bin/env bash
# Validates deploy/kubernetes offline against the Kubernetes API schemas (npm kubernetes-models)
# and checks the promises the README makes about it. No cluster is needed, or used.
set -euo pipefail
cd "$(dirname "$0")/.."

node .ci/validate-manifests.mjs "$(bash .ci/node-tools.sh)" deploy/kubernetes
