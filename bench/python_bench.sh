#!/usr/bin/env bash
# The cost of real Python programs (docs/python.md): wall time per blocking
# socket call (one-byte TCP round trips: each is a blocking recv on both
# sides) for two Python programs and for the same exchange written as steps,
# and per simulated thread switch (two Python threads handing an Event back
# and forth). Not a test: timing never decides one.
#   bench/python_bench.sh build/netsim [ROUNDS]
set -euo pipefail
netsim=$(realpath "$1"); rounds=${2:-20000}
here=$(cd "$(dirname "$0")/python" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$here"/*.py "$tmp"/
run() {  # prints the wall seconds of one run of $1 with ROUNDS=$2
  sed "s/ROUNDS/$2/" "$here/$1" > "$tmp/$1"
  local start end
  start=$(date +%s.%N)
  "$netsim" run "$tmp/$1" --trace none > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
per_call() {  # $1 file, $2 calls per round: microseconds per call, the empty run subtracted
  local full empty
  full=$(run "$1" "$rounds"); empty=$(run "$1" 1)
  echo "scale=2; ($full - $empty) * 1000000 / ($rounds * $2)" | bc -l
}
echo "rounds: $rounds"
echo "python: $(per_call python.yaml 2) us per blocking recv (round trip incl. the network, /2)"
echo "steps:  $(per_call steps.yaml 2) us per blocking recv (round trip incl. the network, /2)"
echo "python threads: $(per_call threads.yaml 2) us per thread switch"
