#!/usr/bin/env python3
"""Writes a large scenario for benchmarks: a ring of R routers with auto
routing, each with a switch and H hosts; every host pings a host in the
opposite LAN COUNT times. Usage: make_large.py R H COUNT > large.yaml"""
import sys

routers, hosts, count = (int(a) for a in sys.argv[1:4])
out = ["name: benchmark ring of %d routers, %d hosts each" % (routers, hosts),
       "link_defaults: {bandwidth: 1Gbps, delay: 50us}", "nodes:"]
links, apps = [], []
for r in range(routers):
    nxt = (r + 1) % routers
    out.append("  r%d: {kind: router, routing: auto, interfaces: {lan: {ip: 10.%d.0.1/16}, "
               "cw: {ip: 172.16.%d.1/30}, ccw: {ip: 172.16.%d.2/30}}}" % (r, r, r, (r - 1) % routers))
    out.append("  s%d: {kind: switch}" % r)
    links.append("  - [r%d:cw, r%d:ccw]" % (r, nxt))
    links.append("  - [r%d:lan, s%d:p0]" % (r, r))
    for h in range(hosts):
        out.append("  h%d_%d: {kind: host, interfaces: {eth0: {ip: 10.%d.1.%d/16}}, gateway: 10.%d.0.1}"
                   % (r, h, r, h + 1, r))
        links.append("  - [h%d_%d:eth0, s%d:p%d]" % (r, h, r, h + 1))
        peer = (r + routers // 2) % routers
        apps.append("  ping%d_%d: {node: h%d_%d, steps: ['n = ping(\"10.%d.1.%d\", %d)']}"
                    % (r, h, r, h, peer, h + 1, count))
print("\n".join(out + ["links:"] + links + ["apps:"] + apps))
