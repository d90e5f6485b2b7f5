#!/usr/bin/env bash
# Every scenario's frame fingerprint must equal the one stored in
# tests/scenario/fingerprints.txt. A difference means behaviour changed: if on
# purpose, regenerate with `tests/scenario/fingerprints.sh build/netsim --update`
# in a commit of its own that says why.
set -uo pipefail
netsim=$1; mode=${2:-check}
cd "$(dirname "$0")/../.."
store=tests/scenario/fingerprints.txt
# Python programs are left out: this test also runs under ASan, and they must
# not (scenario_tests.cmake); their own expectations and python_determinism hold them.
scenarios=()
for f in scenarios/*/*.yaml ../shared/spec/examples/*/*.yaml; do [[ $f == */python/* ]] || scenarios+=("$f"); done
fingerprint() { "$netsim" run "$1" --trace none --fingerprint 2>&1 | sed -n 's/^# fingerprint //p'; }
if [ "$mode" = --update ]; then
  # A scenario that does not run (a feature not built yet) has no fingerprint to keep.
  for f in "${scenarios[@]}"; do
    [ -f "$f" ] && print=$(fingerprint "$f") && [ -n "$print" ] && echo "$f $print"
  done > "$store"
  echo "wrote $(wc -l < "$store") fingerprints to $store"; exit 0
fi
changed=0; n=0
while read -r file want; do
  [ -f "$file" ] || continue  # ../shared may be absent outside CI
  n=$((n + 1))
  got=$(fingerprint "$file")
  [ "$got" = "$want" ] || { echo "CHANGED $file: stored $want, now $got"; changed=$((changed + 1)); }
done < "$store"
echo "$n fingerprints checked, $changed changed"
[ "$n" -gt 0 ] && [ "$changed" -eq 0 ]
