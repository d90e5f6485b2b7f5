#!/usr/bin/env bash
# The race workloads through netsim alone: wall time, events/s, ns per event, peak RSS, and
# `netsim check` time (setup must grow linearly). Compare before/after a change on one quiet
# machine; against ns-3, use ../shared/race/race.sh (interleaved, ratios only).
#   bench/run.sh [build/netsim]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
netsim=$(realpath "${1:-$here/../build/netsim}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf '%-22s %8s %12s %10s %9s %9s\n' workload wall_s events events/s ns/event rss_MB
for w in "w1 10 100" "w2 1000" "w1 20 200"; do
  name=${w// /_}
  python3 "$here/workloads.py" $w > "$work/$name.yaml"
  /usr/bin/time -f '%e %M' -o "$work/t" "$netsim" run "$work/$name.yaml" --trace none > "$work/out" 2>&1 || true
  grep -q ' 0 failed' "$work/out" || { echo "$name did not deliver its work:"; tail -3 "$work/out"; exit 1; }
  read -r wall rss < "$work/t"
  events=$(sed -n 's/.*(\([0-9]*\) events).*/\1/p' "$work/out" | tail -1)
  python3 -c "w,e,r=$wall,$events,$rss; print(f'{\"$name\":22s} {w:8.2f} {e:12d} {e/w:10.3g} {w*1e9/e:9.0f} {r/1024:9.0f}')"
done
for w in "w1 10 100" "w1 20 200"; do
  python3 "$here/workloads.py" $w > "$work/c.yaml"
  /usr/bin/time -f "check ${w// /_}: %e s, %M kB" "$netsim" check "$work/c.yaml" >/dev/null
done
