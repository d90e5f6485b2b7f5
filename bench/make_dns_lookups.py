#!/usr/bin/env python3
"""Writes a DNS benchmark: APPS stub hosts behind one router that resolves
iteratively (root -> com -> jd.com), together looking up N distinct names
(h0.jd.com, h1.jd.com, ...), one after the other on each host, so no answer
comes from a cache. Time it:

  make_dns_lookups.py 10000 10 > lookups.yaml
  /usr/bin/time -f %e build/netsim run lookups.yaml --trace none

Usage: make_dns_lookups.py N [APPS] > lookups.yaml"""
import sys

n = int(sys.argv[1])
apps = int(sys.argv[2]) if len(sys.argv) > 2 else 1
per_app = (n + apps - 1) // apps

out = ["name: %d DNS lookups of distinct names through an iterative resolver, from %d hosts" % (n, apps),
       "nodes:", "  lan: {kind: switch}", "  inet: {kind: switch}",
       "  gw:", "    kind: router",
       "    interfaces: {lan: {ip: 10.0.0.1/16}, wan: {ip: 198.51.100.1/24}}",
       "    dns_server: {recursion: iterative, root_hints: [198.51.100.4]}"]
for a in range(apps):
    out.append("  pc%d: {kind: host, interfaces: {eth0: {ip: 10.0.%d.%d/16}}, gateway: 10.0.0.1, dns: [10.0.0.1]}"
               % (a, 1 + a // 200, 1 + a % 200))


def server(name, ip, origin, records):
    out.extend(["  %s:" % name, "    kind: host", "    interfaces: {eth0: {ip: %s/24}}" % ip,
                "    dns_server:", "      zones:", "        - origin: %s" % origin, "          records:"])
    out.extend('            - "%s"' % r for r in records)


server("root", "198.51.100.4", ".", [". 518400 NS a.root-servers.net.", "a.root-servers.net. 518400 A 198.51.100.4",
                                     "com. 172800 NS a.gtld-servers.net.", "a.gtld-servers.net. 172800 A 198.51.100.5"])
server("tld", "198.51.100.5", "com.", ["com. 172800 NS a.gtld-servers.net.", "jd.com. 172800 NS ns1.jd.com.",
                                       "ns1.jd.com. 172800 A 198.51.100.30"])
server("jdns", "198.51.100.30", "jd.com.",
       ["jd.com. 3600 SOA ns1.jd.com. hostmaster.jd.com. 1 7200 3600 1209600 300", "jd.com. NS ns1.jd.com.",
        "ns1.jd.com. A 198.51.100.30"] +
       ["h%d 300 A 203.0.%d.%d" % (i, i // 250 % 250, 1 + i % 250) for i in range(n)])
out.append("links:")
out.append("  - [gw:wan, inet:p0]")
for i, name in enumerate(["root", "tld", "jdns"]):
    out.append("  - [%s:eth0, inet:p%d]" % (name, i + 1))
out.append("  - [gw:lan, lan:p0]")
for a in range(apps):
    out.append("  - [pc%d:eth0, lan:p%d]" % (a, a + 1))
out.append("apps:")
for a in range(apps):
    first, last = a * per_app, min(n, (a + 1) * per_app)
    out += ["  look%d:" % a, "    node: pc%d" % a, "    steps:", "      - i = %d" % first,
            "      - while: i < %d" % last, "        do:",
            '          - x = gethostbyname("h" + str(i) + ".jd.com")', "          - i = i + 1",
            "      - n = i - %d" % first]
out.append("expect:")
out += ["  - {app: look%d, var: n, equals: %d}" % (a, min(n, (a + 1) * per_app) - a * per_app) for a in range(apps)]
out.append("  - {frames: {at: jdns:eth0, proto: dns, type: query}, count: %d}" % n)
print("\n".join(out))
