#!/usr/bin/env bash
# Broken `python:` apps: `netsim check` and `netsim run` exit 2 with
# "file:line:col: what", run nothing: the program's own file, line and column
# when it does not compile, the scenario's for the keys. Each file's first
# line says what the message must contain: "# error: TEXT".
set -uo pipefail
netsim=$1; dir=$2
failed=0; n=0
cd "$dir" || exit 1
for f in *.yaml; do
  n=$((n + 1))
  want=$(head -1 "$f" | sed -n 's/^# error: //p')
  for cmd in check run; do
    out=$("$netsim" "$cmd" "$f" 2>&1); code=$?
    if [ "$code" -ne 2 ]; then
      echo "FAIL $f: netsim $cmd exited $code, want 2"; echo "$out" | head -3; failed=$((failed + 1)); continue
    fi
    grep -qF -- "$want" <<<"$out" || { echo "FAIL $f: netsim $cmd said: $out (want: $want)"; failed=$((failed + 1)); }
    grep -qE -- "^[^ ]+:[0-9]+:[0-9]+: " <<<"$out" || { echo "FAIL $f: no file:line:col in: $out"; failed=$((failed + 1)); }
  done
done
echo "$n broken python apps: $failed problems"
[ "$failed" -eq 0 ]
