#!/usr/bin/env bash
# Runs every scenario given with --pcap and has tshark read every capture with
# checksum validation on: any malformed frame or bad checksum fails the test.
set -euo pipefail
export LC_ALL=C
netsim=$1; shift
command -v tshark >/dev/null || { echo "tshark is not installed"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# ICMP checksums are always verified; IP, UDP and TCP only when asked.
prefs=(-o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE)
# Malformed frames, expert errors (a bad checksum is one), and any checksum
# whose status is Bad (0).
filter='_ws.malformed || _ws.expert.severity >= 0x800000 || ip.checksum.status == 0 || icmp.checksum.status == 0 || udp.checksum.status == 0 || tcp.checksum.status == 0'
frames=0; files=0; bad=0
for scenario in "$@"; do
  dir="$tmp/$(basename "$scenario" .yaml)"
  "$netsim" run "$scenario" --trace none --pcap "$dir" --max-events 2000000 >/dev/null || true
  captures=("$dir"/*.pcap)
  files=$((files + ${#captures[@]}))
  # Every interface's capture must open on its own; then one merged read checks the frames.
  for pcap in "${captures[@]}"; do capinfos -c "$pcap" >/dev/null || { echo "$pcap does not open"; bad=$((bad + 1)); }; done
  mergecap -F pcap -w "$dir/all.pcap" "${captures[@]}"
  n=$(tshark -r "$dir/all.pcap" "${prefs[@]}" -T fields -e frame.number 2>/dev/null | wc -l)
  frames=$((frames + n))
  problems=$(tshark -r "$dir/all.pcap" "${prefs[@]}" -Y "$filter" 2>/dev/null | head -5)
  if [ -n "$problems" ]; then
    echo "$scenario:"; echo "$problems"; bad=$((bad + 1))
  fi
done
echo "tshark read $frames frames in $files captures; $bad with problems"
[ "$files" -gt 0 ] && [ "$frames" -gt 0 ] && [ "$bad" -eq 0 ]
