#!/usr/bin/env bash
# Headless snapshot of a real scenario under xvfb-run: the PNG has the asked
# size, is not blank, and every node's kind colour is at its position.
# usage: snapshot_test.sh NETSIM PROBE SOURCE_DIR
set -euo pipefail
netsim=$1 probe=$2 source=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The acceptance scenario of issue 4 (6 nodes); the repository's own 5-node
# routed scenario where the shared spec is not checked out.
scenario=/work/shared/spec/examples/foundation/routed-ping-traceroute.yaml nodes=6
if [[ ! -f $scenario ]]; then
  scenario="$source/scenarios/foundation/three-routers.yaml" nodes=5
fi
xvfb-run -a "$netsim" animate "$scenario" --snapshot "$out/snap.png" --at 0.001 \
  --width 1024 --height 640 --positions "$out/nodes.txt"
"$probe" "$out/snap.png" "$out/nodes.txt" 1024 640 "$nodes"
# Layer 2: a VLAN trunk between two floors with a switch's panel open
# (--select): the access links in their VLAN's colour (10 teal, 20 purple),
# the printers' VLAN 1 link plain grey. At the default size the panel covers no node.
xvfb-run -a "$netsim" animate "$source/scenarios/l2/floors.yaml" --snapshot "$out/vlan.png" \
  --at 3.00041 --select floor1 --positions "$out/vlan.txt"
"$probe" "$out/vlan.png" "$out/vlan.txt" 1280 800 8 \
  sales1-floor1=68,170,153 eng1-floor1=170,68,153 printer1-floor1=150,156,166 \
  sales2-floor2=68,170,153 eng2-floor2=170,68,153
# Issue 8: a frame the NAT router rewrote, opened headless (--select-frame):
# its inspector names both sides of the translation (--panel-out dumps it).
xvfb-run -a "$netsim" animate "$source/scenarios/nat/port-clash.yaml" --snapshot "$out/nat.png" \
  --at 0.02009 --select-frame 9 --panel-out "$out/nat.txt" >/dev/null
grep -qxF "  NAT at gw: inside 192.168.1.11:5000 <-> outside 203.0.113.1:29957 (this frame: outside)" \
  "$out/nat.txt" || { echo "NAT inspector:"; cat "$out/nat.txt"; exit 1; }
# Issue 11: the inspector's layer view at the receiving router (in, decisions, out) and hex.
xvfb-run -a "$netsim" animate "$source/scenarios/foundation/three-routers.yaml" --snapshot "$out/osi.png" \
  --at 0.0005 --select-frame 1 --panel-out "$out/osi.txt" >/dev/null
grep -qF "  out L1  98 bytes on up > r2:left at 0.001002704" "$out/osi.txt" &&
  grep -qF "  0000  " "$out/osi.txt" || { echo "layer view:"; cat "$out/osi.txt"; exit 1; }
# Issue 11: the event list, filtered (--events), in the panel dump.
xvfb-run -a "$netsim" animate "$source/scenarios/foundation/three-routers.yaml" --snapshot "$out/events.png" \
  --at 0.0016 --events proto=icmp,node=r2 --panel-out "$out/events.txt" >/dev/null
grep -qxF "events: icmp, node r2" "$out/events.txt" &&
  grep -qF "> 0.001002704 r1:up            > r2:left  IP (ttl 63)" "$out/events.txt" &&
  ! grep -q "ARP" "$out/events.txt" || { echo "event list:"; cat "$out/events.txt"; exit 1; }
