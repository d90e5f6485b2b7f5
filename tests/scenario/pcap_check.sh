#!/usr/bin/env bash
# Runs every scenario given with --pcap and has tshark read every capture with
# checksum validation on: any malformed frame or bad checksum fails the test.
set -euo pipefail
netsim=$1; shift
command -v tshark >/dev/null || { echo "tshark is not installed"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prefs=(-o ip.check_checksum:TRUE -o icmp.check_checksum:TRUE -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE)
# Malformed frames, expert errors (bad checksums are errors), and any checksum
# whose status is Bad (0).
filter='_ws.malformed || _ws.expert.severity >= 0x800000 || ip.checksum.status == 0 || icmp.checksum.status == 0 || udp.checksum.status == 0 || tcp.checksum.status == 0'
frames=0; files=0; bad=0
for scenario in "$@"; do
  dir="$tmp/$(basename "$scenario" .yaml)"
  "$netsim" run "$scenario" --trace none --pcap "$dir" --max-events 2000000 >/dev/null || true
  for pcap in "$dir"/*.pcap; do
    files=$((files + 1))
    n=$(tshark -r "$pcap" "${prefs[@]}" -T fields -e frame.number 2>/dev/null | wc -l)
    frames=$((frames + n))
    problems=$(tshark -r "$pcap" "${prefs[@]}" -Y "$filter" 2>&1 | head -5)
    if [ -n "$problems" ]; then
      echo "$pcap:"; echo "$problems"; bad=$((bad + 1))
    fi
  done
done
echo "tshark read $frames frames in $files captures; $bad with problems"
[ "$files" -gt 0 ] && [ "$frames" -gt 0 ] && [ "$bad" -eq 0 ]
