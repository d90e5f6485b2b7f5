#!/usr/bin/env bash
# Broken scenario files: `netsim check` and `netsim run` must both exit 2 with
# "file:line:col: what (hint)", run nothing, and never crash. Each file's first
# line says what the message must contain: "# error: TEXT". With a third
# argument `program`, the file:line:col may be another file's (a Python
# program that does not compile).
set -uo pipefail
netsim=$1; dir=$2; located=${3:-scenario}
failed=0; n=0
for f in "$dir"/*.yaml; do
  n=$((n + 1))
  want=$(head -1 "$f" | sed -n 's/^# error: //p')
  for cmd in check run; do
    out=$("$netsim" "$cmd" "$f" 2>&1); code=$?
    if [ "$code" -ne 2 ]; then
      echo "FAIL $f: netsim $cmd exited $code, want 2"; echo "$out" | head -3; failed=$((failed + 1)); continue
    fi
    if ! grep -qF -- "$want" <<<"$out"; then
      echo "FAIL $f: netsim $cmd said: $out"; echo "     want it to contain: $want"; failed=$((failed + 1)); continue
    fi
    at=$f; [ "$located" = program ] && at='[^ ]+'
    grep -qE -- "^$at:[0-9]+:[0-9]+: " <<<"$out" || { echo "FAIL $f: no file:line:col in: $out"; failed=$((failed + 1)); }
    if [ "$(wc -l <<<"$out")" -gt 2 ]; then echo "FAIL $f: netsim $cmd printed more than the error: $out"; failed=$((failed + 1)); fi
  done
done
echo "$n broken files: $failed problems"
[ "$failed" -eq 0 ]
