#!/usr/bin/env bash
# Headless snapshot of a real scenario under xvfb-run: the PNG has the asked
# size, is not blank, and every node's kind colour is at its position.
# usage: snapshot_test.sh NETSIM PROBE SOURCE_DIR
set -euo pipefail
netsim=$1 probe=$2 source=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The acceptance scenario of issue 4 (6 nodes); the repository's own 5-node
# routed scenario where the shared spec is not checked out.
scenario=/work/shared/spec/examples/foundation/routed-ping-traceroute.yaml nodes=6
if [[ ! -f $scenario ]]; then
  scenario="$source/scenarios/foundation/three-routers.yaml" nodes=5
fi
xvfb-run -a "$netsim" animate "$scenario" --snapshot "$out/snap.png" --at 0.001 \
  --width 1024 --height 640 --positions "$out/nodes.txt"
"$probe" "$out/snap.png" "$out/nodes.txt" 1024 640 "$nodes"
