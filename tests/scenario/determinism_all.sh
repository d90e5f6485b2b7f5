#!/usr/bin/env bash
# Every scenario, ours and the shared examples: the same file and seed give
# the same JSONL trace (with --explain), byte for byte, and that trace is
# JSON line by line. Files this build refuses (keys not built yet) are skipped.
# NETSIM_DETERMINISM_RUNS=1 (the sanitizer build, scenario_tests.cmake): one run
# per file, which still puts every scenario's full trace and --explain under
# ASan; a second run finds no memory error the first did not.
set -uo pipefail
netsim=$1; shift
runs=${NETSIM_DETERMINISM_RUNS:-2}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
checked=0; skipped=0; failed=0
for f in "$@"; do
  "$netsim" check "$f" >/dev/null 2>&1 || { skipped=$((skipped + 1)); continue; }
  for ((i = 1; i <= runs; i++)); do
    "$netsim" run "$f" --trace jsonl --explain --max-time 10m > "$tmp/run$i" 2> "$tmp/err$i"
  done
  # A sanitizer report ends the run with exit 1, the status of a failed expectation.
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp"/err*; then
    echo "FAIL $f: sanitizer report"; grep -hE -A20 'Sanitizer|runtime error:' "$tmp"/err* | head -40
    failed=$((failed + 1))
  elif [ "$runs" -gt 1 ] && ! cmp -s "$tmp/run1" "$tmp/run2"; then
    echo "FAIL $f: two runs with one seed differ"; diff "$tmp/run1" "$tmp/run2" | head -5; failed=$((failed + 1))
  elif [ ! -s "$tmp/run1" ]; then
    echo "FAIL $f: no trace"; failed=$((failed + 1))
  elif command -v python3 >/dev/null &&
       ! python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$tmp/run1"; then
    echo "FAIL $f: the JSONL trace is not JSON"; failed=$((failed + 1))
  fi
  checked=$((checked + 1))
done
echo "deterministic ($runs runs each): $checked scenarios ($skipped refused by this build), $failed failed"
[ "$failed" -eq 0 ] && [ "$checked" -gt 0 ]
