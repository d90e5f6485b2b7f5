#!/usr/bin/env python3
"""Writes a spanning-tree benchmark: N switches as a tree (switch i hangs off
switch (i - 1) // FANOUT), plus EXTRA redundant links that close loops for the
protocol to block, all running MODE (stp or rstp) for an hour of simulated
time with no other traffic. Every switch port then carries BPDUs. Time it:

  make_stp_tree.py 100 3 rstp 10 > tree.yaml
  /usr/bin/time -f %e build-release/netsim run tree.yaml --trace none

Usage: make_stp_tree.py N FANOUT MODE [EXTRA] > tree.yaml"""
import sys

n, fanout, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
extra = int(sys.argv[4]) if len(sys.argv) > 4 else 0
ports = [0] * n
links = []


def port(s):
    ports[s] += 1
    return "s%d:p%d" % (s, ports[s])


for i in range(1, n):
    links.append((port((i - 1) // fanout), port(i)))
# Redundant links between switches far apart in the tree, chosen without randomness.
for k in range(extra):
    a, b = (k * 7) % n, (k * 13 + n // 2) % n
    if a != b:
        links.append((port(a), port(b)))

out = ["name: %d-switch %s tree, %d redundant links, one hour" % (n, mode, extra),
       "stop: 1h", "link_defaults: {bandwidth: 1Gbps, delay: 5us}", "nodes:"]
for i in range(n):
    priority = ", priority: 4096" if i == 0 else ""
    out.append("  s%d: {kind: switch, stp: {mode: %s%s}}" % (i, mode, priority))
out.append("links:")
out += ["  - [%s, %s]" % link for link in links]
out.append("# switch ports carrying BPDUs: %d" % (2 * len(links)))
print("\n".join(out))
