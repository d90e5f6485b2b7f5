#!/usr/bin/env bash
# Builds the libFuzzer harnesses (build-fuzz/, clang 16) and runs each for
# SECONDS (default 20) on its seed corpus, made from scenarios/, the broken
# files of tests/scenario/bad and the shared examples. Findings are written to
# build-fuzz/findings/; the exit status is non-zero when a harness found one.
# Usage: tests/fuzz/run.sh [SECONDS] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}; jobs=${2:-1}
cmake -S . -B build-fuzz -G Ninja -DNETSIM_FUZZ=ON -DNETSIM_WERROR=OFF -DCMAKE_CXX_COMPILER=clang++-16 \
  -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" >/dev/null
cmake --build build-fuzz --target fuzz_scenario fuzz_app_parser fuzz_wire
corpus=build-fuzz/corpus; findings=build-fuzz/findings
mkdir -p "$corpus"/{scenario,app_parser,wire} "$findings"
examples=(../shared/spec/examples/*/*.yaml)
# Named by path: two folders may hold files of one name (python/ and sockets/).
for f in scenarios/*/*.yaml tests/scenario/bad/*.yaml "${examples[@]}"; do
  [ -e "$f" ] && cp "$f" "$corpus/scenario/$(tr / _ <<<"${f#../shared/spec/}")"
done
# App steps: one statement per file, behind the harness's mode byte.
n=0
for f in scenarios/*/*.yaml "${examples[@]}"; do
  [ -e "$f" ] || continue
  sed -n 's/^ *- "\{0,1\}\([^{[].*[^"]\)"\{0,1\}$/\1/p' "$f"
done | sort -u | while IFS= read -r step; do
  n=$((n + 1)); printf '\000%s' "$step" > "$corpus/app_parser/s$n"; printf '\001%s' "$step" > "$corpus/app_parser/e$n"
done
cp tests/fuzz/corpus/wire/* "$corpus/wire/"
status=0
for h in scenario app_parser wire; do
  start=$SECONDS
  parallel=(); [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")  # else no fuzz-N.log in the tree
  if ! build-fuzz/fuzz_$h "$corpus/$h" -max_total_time="$seconds" "${parallel[@]}" \
       -rss_limit_mb=1024 -timeout=30 -artifact_prefix="$findings/$h-" -print_final_stats=1 \
       > "$findings/$h.log" 2>&1; then
    echo "fuzz_$h FOUND something: see $findings/$h.log"; tail -30 "$findings/$h.log"; status=1
  fi
  echo "fuzz_$h: $((SECONDS - start)) s, $(grep -ho 'stat::number_of_executed_units: *[0-9]*' "$findings/$h.log" | head -1)"
done
exit $status
