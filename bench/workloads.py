#!/usr/bin/env python3
"""The race workloads as netsim scenarios (the ns-3 programs in ../shared/race build the same).

  workloads.py w1 K H [BYTES]   campus TCP: K LANs of H hosts behind routers joined by a core;
                                host i of LAN k sends BYTES (default 100 kB) to host i of LAN k+1
  workloads.py w2 N [M]         UDP echo ring: N hosts on one switch, each sends M (default 100)
                                64-byte datagrams, 1 ms apart, to the next host's echo server
ns-3 conventions: 1 Gbps links with 1 us delay and queues of 10,000 frames, 1 ms core links,
starts 10 us apart from 100 ms. A sender writes its bytes 1,000 at a time, as BulkSend does.
"""
import sys

WRITE = 1000


def lan_ip(k, i):
    n = i + 2  # .0.1 is the router
    return f"10.{k}.{n >> 8}.{n & 255}"


def w1(K, H, B):
    y = [f"name: W1 campus TCP, K={K} LANs of H={H} hosts, {B} bytes per flow",
         "link_defaults: {bandwidth: 1Gbps, delay: 1us, queue: 10000}", "nodes:"]
    core = ", ".join(f"c{k}: {{ip: 172.16.{(4 * k) >> 8}.{(4 * k + 1) & 255}/30}}" for k in range(K))
    y.append(f"  core: {{kind: router, routing: auto, interfaces: {{{core}}}}}")
    for k in range(K):
        up = 4 * k + 2
        y.append(f"  r{k}: {{kind: router, routing: auto, interfaces: {{lan: {{ip: 10.{k}.0.1/16}}, "
                 f"up: {{ip: 172.16.{up >> 8}.{up & 255}/30}}}}}}")
        y.append(f"  sw{k}: {{kind: switch}}")
        y += [f"  h{k}_{i}: {{kind: host, interfaces: {{eth0: {{ip: {lan_ip(k, i)}/16}}}}, gateway: 10.{k}.0.1}}"
              for i in range(H)]
    y.append("links:")
    for k in range(K):
        y += [f"  - {{endpoints: [r{k}:up, core:c{k}], delay: 1ms}}", f"  - [r{k}:lan, sw{k}:p0]"]
        y += [f"  - [h{k}_{i}:eth0, sw{k}:p{i + 1}]" for i in range(H)]
    y.append("apps:")
    for k in range(K):
        for i in range(H):
            y += [f"  rx{k}_{i}:", f"    node: h{k}_{i}", "    steps:", "      - s = socket()",
                  '      - s.bind(("", 5000))', "      - s.listen(5)", "      - conn, peer = s.accept()",
                  "      - n = 0", "      - while: True", "        do:", "          - d = conn.recv(65536)",
                  '          - "if not d: break"', "          - n = n + len(d)", "      - conn.close()"]
            y += [f"  tx{k}_{i}:", f"    node: h{k}_{i}", f"    start: {100_000_000 + (i * K + k) * 10_000}ns",
                  "    steps:", "      - c = socket()", f'      - c.connect(("{lan_ip((k + 1) % K, i)}", 5000))',
                  f"      - block = bytes({WRITE})", f"      - repeat: {B // WRITE}", "        do:",
                  "          - c.sendall(block)", "      - c.close()"]
    y.append("expect:")
    y += [f"  - {{app: rx{k}_{i}, var: n, equals: {B}}}" for k in range(K) for i in range(H)]
    return y


def w2(N, M):
    ip = lambda i: f"10.0.{(i + 1) >> 8}.{(i + 1) & 255}"
    y = [f"name: W2 UDP echo ring, N={N} hosts on one switch, {M} echoes each",
         "link_defaults: {bandwidth: 1Gbps, delay: 1us, queue: 10000}", "nodes:", "  sw: {kind: switch}"]
    y += [f"  h{i}: {{kind: host, interfaces: {{eth0: {{ip: {ip(i)}/16}}}}}}" for i in range(N)]
    y.append("links:")
    y += [f"  - [h{i}:eth0, sw:p{i}]" for i in range(N)]
    y.append("apps:")
    for i in range(N):
        y += [f"  echo{i}:", f"    node: h{i}", "    steps:", "      - u = socket(AF_INET, SOCK_DGRAM)",
              '      - u.bind(("", 9))', f"      - repeat: {M}", "        do:",
              "          - d, a = u.recvfrom(2048)", "          - u.sendto(d, a)"]
        y += [f"  ping{i}:", f"    node: h{i}", f"    start: {100_000_000 + i * 10_000}ns", "    steps:",
              "      - u = socket(AF_INET, SOCK_DGRAM)", "      - got = 0", f"      - repeat: {M}", "        do:",
              f'          - u.sendto(bytes(64), ("{ip((i + 1) % N)}", 9))', "          - r, a = u.recvfrom(2048)",
              "          - got = got + 1", "          - sleep(0.001)"]
    y.append("expect:")
    y += [f"  - {{app: ping{i}, var: got, equals: {M}}}" for i in range(N)]
    return y


if __name__ == "__main__":
    kind, args = sys.argv[1], [int(a) for a in sys.argv[2:]]
    lines = w1(args[0], args[1], args[2] if len(args) > 2 else 100_000) if kind == "w1" else \
        w2(args[0], args[1] if len(args) > 1 else 100)
    print("\n".join(lines))
