#!/usr/bin/env bash
# Same file and seed => byte-identical trace (text with --explain, and JSONL);
# another seed on a lossy scenario => a different trace.
set -euo pipefail
netsim=$1; file=$2; lossy=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for i in 1 2; do
  "$netsim" run "$file" --explain > "$tmp/text$i" || true
  "$netsim" run "$file" --trace jsonl --explain > "$tmp/jsonl$i" 2>/dev/null || true
done
cmp "$tmp/text1" "$tmp/text2"
cmp "$tmp/jsonl1" "$tmp/jsonl2"
[ -s "$tmp/text1" ] && [ -s "$tmp/jsonl1" ]
"$netsim" run "$lossy" --seed 1 > "$tmp/seed1" || true
"$netsim" run "$lossy" --seed 2 > "$tmp/seed2" || true
if cmp -s "$tmp/seed1" "$tmp/seed2"; then echo "seeds 1 and 2 gave the same lossy run"; exit 1; fi
echo "deterministic: $(wc -l < "$tmp/text1") trace lines identical across runs"
