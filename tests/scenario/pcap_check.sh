#!/usr/bin/env bash
# Runs every scenario given with --pcap and has tshark read every capture with
# checksum validation on: a malformed frame, a bad checksum, or a TCP analysis
# note (retransmission, duplicate ACK, zero window, out of order, ...) fails
# the test, unless the scenario causes TCP trouble on purpose (listed below).
set -euo pipefail
export LC_ALL=C
netsim=$1; shift
command -v tshark >/dev/null || { echo "tshark is not installed"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Scenarios whose point is lost, refused or too big segments, so TCP analysis notes are expected.
tcp_trouble_expected=" refused-and-timeout connect-timeout tcp-versus-udp-lossy path-mtu-discovery nat-forward-path-mtu "
# ICMP checksums are always verified; IP, UDP and TCP only when asked.
prefs=(-o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE)
# Malformed frames, expert errors (a bad checksum is one), and any checksum
# whose status is Bad (0) — except the transport checksum quoted in an ICMP
# error, which cannot verify when the quote is cut (576 bytes, RFC 1812
# §4.3.2.3, as for a full-sized DF segment that needs fragmentation).
broken='_ws.malformed || (!icmp && _ws.expert.severity >= 0x800000) || ip.checksum.status == 0 || icmp.checksum.status == 0 || (!icmp && (udp.checksum.status == 0 || tcp.checksum.status == 0))'
frames=0; files=0; bad=0
for scenario in "$@"; do
  name=$(basename "$scenario" .yaml)
  dir="$tmp/$name"
  "$netsim" run "$scenario" --trace none --pcap "$dir" --max-events 2000000 >/dev/null || true
  filter=$broken
  [[ "$tcp_trouble_expected" == *" $name "* ]] || filter="$broken || tcp.analysis.flags"
  for pcap in "$dir"/*.pcap; do
    files=$((files + 1))
    # TCP analysis is per capture point: each interface's file is read on its own.
    n=$(capinfos -c -M "$pcap" | awk '/Number of packets/ {print $NF}')
    frames=$((frames + n))
    [ "$n" -gt 0 ] || continue
    problems=$(tshark -r "$pcap" "${prefs[@]}" -Y "$filter" 2>/dev/null | head -5)
    if [ -n "$problems" ]; then
      echo "$pcap:"; echo "$problems"; bad=$((bad + 1))
    fi
  done
done
echo "tshark read $frames frames in $files captures; $bad with problems"
[ "$files" -gt 0 ] && [ "$frames" -gt 0 ] && [ "$bad" -eq 0 ]
