#!/usr/bin/env bash
# netsim plot under xvfb-run: a throughput chart of a file download is a
# chart (a line across the plot area), not a blank picture.
# usage: plot_test.sh NETSIM PROBE SOURCE_DIR
set -euo pipefail
netsim=$1 probe=$2 source=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
xvfb-run -a "$netsim" plot "$source/scenarios/sockets/file-download.yaml" --what throughput \
  --link client --out "$out/throughput.png" --width 800 --height 450
"$probe" "$out/throughput.png" 800 450
# The server's congestion window (Metric events from TCP) rises in slow start.
xvfb-run -a "$netsim" plot "$source/scenarios/sockets/file-download.yaml" --what cwnd \
  --conn "2121->" --out "$out/cwnd.png" --width 800 --height 450
"$probe" "$out/cwnd.png" 800 450 rising
