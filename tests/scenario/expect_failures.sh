#!/usr/bin/env bash
# Expectations that do not hold: `netsim run` exits 1 and says, with the
# entry's file:line:col, what was expected and what was found; `netsim test`
# counts the file as failed. Each file's first line: "# fail: TEXT".
set -uo pipefail
netsim=$1; dir=$2
problems=0; n=0
for f in "$dir"/*.yaml; do
  n=$((n + 1))
  want=$(head -1 "$f" | sed -n 's/^# fail: //p')
  out=$("$netsim" run "$f" --trace none 2>&1); code=$?
  [ "$code" -eq 1 ] || { echo "FAIL $f: exit $code, want 1"; problems=$((problems + 1)); }
  grep -qF -- "$want" <<<"$out" || { echo "FAIL $f: output lacks '$want':"; echo "$out"; problems=$((problems + 1)); }
  grep -qE "^FAIL $f:[0-9]+:[0-9]+: " <<<"$out" || { echo "FAIL $f: no file:line:col"; problems=$((problems + 1)); }
done
summary=$("$netsim" test "$dir" | tail -1)
[ "$summary" = "0 passed, $n failed" ] || { echo "netsim test said '$summary'"; problems=$((problems + 1)); }
echo "$n failing scenarios: $problems problems"
[ "$problems" -eq 0 ]
