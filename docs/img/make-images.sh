#!/usr/bin/env bash
# Remakes the README's pictures with the tool itself (needs an X display:
# run under xvfb-run -a on a server). usage: docs/img/make-images.sh [build/netsim]
set -euo pipefail
netsim=${1:-build/netsim}
cd "$(dirname "$0")/../.."
# The server's congestion window during a file download: slow start, then the receiver's window.
"$netsim" plot scenarios/sockets/file-download.yaml --what cwnd --conn "2121->" \
  --out docs/img/cwnd-file-download.png --width 900 --height 420
# A datagram the NAT router rewrote (the second PC's source port was taken):
# its inspector names both sides, the router's layers and the bytes.
"$netsim" animate scenarios/nat/port-clash.yaml --snapshot docs/img/inspector-nat.png \
  --at 0.02009 --select-frame 9 --width 1280 --height 1160
