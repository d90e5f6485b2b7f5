#!/usr/bin/env python3
"""Replays the Linux oracle scenarios in netsim and compares the frames.

For each line of the manifest (scenario, netsim capture, Linux capture,
floor) it runs the scenario with --pcap, has tshark read both captures, and
reduces every frame to the signature ../shared/oracle/README.md says to
compare: MACs, IPs, protocol, ARP op, TCP flags, relative seq/ack, payload
length, TCP option kinds in order, length without Ethernet padding, TTL, DF,
and whether the IP ID is 0 (Linux sends 0 on SYN-ACKs and RSTs). Ports, ISNs,
IP ID values, TSvals, times and raw windows are random or machine-specific
and are left out.

Frames match along the longest common subsequence of the two signature
lists, so a frame netsim adds or leaves out costs only itself. The table
says, per Linux capture, how many of its frames netsim reproduced. The run
fails when a count falls below the manifest's floor: the match can only go
up (raise the floor when it does).

usage: compare.py NETSIM MANIFEST ORACLE_DIR [--diff NAME | --counts]
(--diff: the two signature lists of the runs whose name contains NAME;
--counts: "scenario:capture:linux-capture matched" lines, for raise_floors.sh)
"""
import os
import subprocess
import sys
import tempfile

FIELDS = ["eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "ip.id", "ip.flags.df", "ip.len",
          "ip.proto", "arp.opcode", "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len",
          "tcp.option_kind", "udp.length", "icmp.type", "icmp.code"]


def read_all(pcaps):
    """{pcap: signatures} (tshark takes seconds to start: all files at once)."""
    procs = {}
    for pcap in set(pcaps):
        cmd = ["tshark", "-n", "-r", pcap, "-T", "fields", "-E", "separator=|", "-E",
               "aggregator=,"]
        for f in FIELDS:
            cmd += ["-e", f]
        procs[pcap] = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                       text=True)
    result = {}
    for pcap, proc in procs.items():
        out = proc.communicate()[0]
        if proc.returncode != 0:
            sys.exit("tshark could not read " + pcap)
        result[pcap] = signatures(out)
    return result


def signatures(out):
    sigs = []
    for line in out.splitlines():
        # The first occurrence is the outer header of an ICMP error; the
        # option kinds keep every occurrence.
        v = {f: x if f == "tcp.option_kind" else x.split(",")[0]
             for f, x in zip(FIELDS, line.split("|"))}
        if v["arp.opcode"]:
            sigs.append(("arp", v["eth.src"], v["eth.dst"], "op" + v["arp.opcode"], 42))
            continue
        if not v["ip.len"]:
            sigs.append(("other", v["eth.src"], v["eth.dst"]))
            continue
        common = (v["eth.src"], v["eth.dst"], v["ip.src"], v["ip.dst"], "ttl" + v["ip.ttl"],
                  "DF" if v["ip.flags.df"] in ("1", "True") else "df0",
                  "id0" if int(v["ip.id"], 16) == 0 else "id", 14 + int(v["ip.len"]))
        proto = v["ip.proto"]
        if proto == "6":
            sigs.append(("tcp",) + common + (flags_text(v["tcp.flags"]), "seq" + v["tcp.seq"],
                                             "ack" + v["tcp.ack"], "len" + v["tcp.len"],
                                             "opts[" + v["tcp.option_kind"] + "]"))
        elif proto == "17":
            sigs.append(("udp",) + common + ("ulen" + v["udp.length"],))
        elif proto == "1":
            sigs.append(("icmp",) + common + (v["icmp.type"] + "/" + v["icmp.code"],))
        else:
            sigs.append(("ip" + proto,) + common)
    return sigs


FLAG_NAMES = [(0x02, "SYN"), (0x01, "FIN"), (0x04, "RST"), (0x08, "PSH"), (0x10, "ACK")]


def flags_text(hexflags):
    bits = int(hexflags, 16)
    return "-".join(name for bit, name in FLAG_NAMES if bits & bit) or "none"


def lcs(a, b):
    """Pairs (i, j) of a longest common subsequence of a and b."""
    n, m = len(a), len(b)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = best[i + 1][j + 1] + 1 if a[i] == b[j] else max(best[i + 1][j],
                                                                         best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def show(sig):
    return " ".join(str(x) for x in sig)


def print_diff(linux, netsim):
    pairs = lcs(linux, netsim)
    i = j = 0
    for pi, pj in pairs + [(len(linux), len(netsim))]:
        while i < pi:
            print("  - linux  " + show(linux[i]))
            i += 1
        while j < pj:
            print("  + netsim " + show(netsim[j]))
            j += 1
        if pi < len(linux):
            print("    both   " + show(linux[pi]))
        i, j = pi + 1, pj + 1


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    netsim, manifest, oracle = sys.argv[1:4]
    diff_name = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--diff" else None
    counts_only = len(sys.argv) > 4 and sys.argv[4] == "--counts"
    if not os.path.isdir(oracle):
        print("oracle captures not found at " + oracle + ": skipped")
        sys.exit(77)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(manifest))))
    entries, runs, failed = [], {}, 0
    with tempfile.TemporaryDirectory() as tmp:
        for line in open(manifest):
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            scenario, capture, linux_pcap, floor = line[0], line[1], line[2], int(line[3])
            if scenario not in runs:
                out = os.path.join(tmp, str(len(runs)))
                run = subprocess.run([netsim, "run", os.path.join(root, scenario), "--trace", "none",
                                      "--pcap", out], capture_output=True, text=True)
                runs[scenario] = out if run.returncode in (0, 1) else None
                if runs[scenario] is None:
                    print(scenario + ": netsim did not run it: " + run.stdout.strip()[-300:] +
                          run.stderr.strip()[-300:])
            netsim_pcap = os.path.join(runs[scenario], capture) if runs[scenario] else None
            if netsim_pcap and not os.path.exists(netsim_pcap):
                netsim_pcap = None
            entries.append((scenario, capture, os.path.join(oracle, linux_pcap), netsim_pcap, floor))
        read = read_all([e[2] for e in entries] + [e[3] for e in entries if e[3]])
        rows = []
        for scenario, capture, linux_pcap, netsim_pcap, floor in entries:
            linux = read[linux_pcap]
            mine = read[netsim_pcap] if netsim_pcap else []
            linux_pcap = os.path.relpath(linux_pcap, oracle)
            matched = len(lcs(linux, mine))
            name = os.path.basename(scenario)[:-5] + " " + capture
            rows.append((name, linux_pcap, len(linux), len(mine), matched, floor))
            if counts_only:
                print("%s:%s:%s %d" % (scenario, capture, linux_pcap, matched))
            if diff_name and diff_name in name:
                print("== " + name + " vs " + linux_pcap)
                print_diff(linux, mine)
    if counts_only:
        return
    width = max(len(r[0]) for r in rows)
    lwidth = max(len(r[1]) for r in rows)
    print("%-*s  %-*s  %6s  %6s  %14s  %5s" % (width, "netsim run", lwidth, "Linux capture", "linux",
                                               "netsim", "frames matched", "floor"))
    total = [0, 0, 0]
    for name, linux_pcap, n_linux, n_mine, matched, floor in rows:
        note = ""
        if matched < floor:
            note = "  BELOW FLOOR"
            failed += 1
        elif matched > floor:
            note = "  above floor: raise it"
        print("%-*s  %-*s  %6d  %6d  %8d of %3d  %5d%s" % (width, name, lwidth, linux_pcap, n_linux,
                                                          n_mine, matched, n_linux, floor, note))
        total = [total[0] + n_linux, total[1] + n_mine, total[2] + matched]
    print("%-*s  %-*s  %6d  %6d  %8d of %3d" % (width, "total", lwidth, "", total[0], total[1],
                                                total[2], total[0]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
