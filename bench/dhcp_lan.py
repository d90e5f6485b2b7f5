#!/usr/bin/env python3
"""Writes a scenario: N DHCP clients booting at once on one switch with one server.

    bench/dhcp_lan.py 1000 > /tmp/dhcp-1000.yaml
    time build/netsim run /tmp/dhcp-1000.yaml --trace none
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
print("name: %d DHCP clients boot on one LAN" % n)
print("nodes:")
print("  sw1: {kind: switch}")
print("  dhcpd:")
print("    kind: host")
print("    interfaces: {eth0: {ip: 10.0.0.1/16}}")
print("    dhcp_server: {eth0: {pool: 10.0.1.0-10.0.255.254, gateway: 10.0.0.1}}")
for i in range(1, n + 1):
    print("  pc%d: {kind: host, interfaces: {eth0: {dhcp: true}}}" % i)
print("links:")
print("  - [dhcpd:eth0, sw1:p0]")
for i in range(1, n + 1):
    print("  - [pc%d:eth0, sw1:p%d]" % (i, i))
print("expect:")
print("  - {node: pc%d, ip: {eth0: 10.0.%d.%d/16}}" % (n, (n - 1) // 256 + 1, (n - 1) % 256))
print("  - {frames: {at: dhcpd:eth0, proto: dhcp, type: ACK}, count: %d}" % n)
