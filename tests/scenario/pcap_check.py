#!/usr/bin/env python3
"""Runs every scenario given with --pcap and has Wireshark read every capture
with checksum validation on: a malformed frame, a bad checksum, or a TCP
analysis note (retransmission, duplicate ACK, zero window, out of order, ...)
fails the test, unless the scenario causes TCP trouble on purpose (listed
below).

Wireshark is driven through one sharkd process rather than a tshark per
capture: tshark spends ~0.7 s of CPU starting up, which over ~750 captures
was most of the CI run. sharkd's `load` starts a fresh dissection session
(conversations, reassembly, TCP analysis), so each interface's capture is
still read on its own, as TCP analysis is per capture point.

Usage: pcap_check.py NETSIM [--shard K/N] SCENARIO.yaml...
  --shard K/N checks the scenarios whose index is K modulo N (ctest runs the
  shards in parallel).
"""
import json
import os
import subprocess
import sys
import tempfile

# Scenarios whose point is lost, refused or too big segments, so TCP analysis notes are expected.
TCP_TROUBLE_EXPECTED = {"refused-and-timeout", "connect-timeout", "tcp-versus-udp-lossy",
                        "path-mtu-discovery", "nat-forward-path-mtu", "cubic-versus-newreno",
                        "sack-versus-newreno-recovery", "hystart-leaves-slow-start"}
# ICMP checksums are always verified; IP, UDP and TCP only when asked.
PREFS = {"ip.check_checksum": "TRUE", "udp.check_checksum": "TRUE", "tcp.check_checksum": "TRUE"}
# Malformed frames, expert errors (a bad checksum is one), and any checksum
# whose status is Bad (0) — except the transport checksum quoted in an ICMP
# error, which cannot verify when the quote is cut (576 bytes, RFC 1812
# §4.3.2.3, as for a full-sized DF segment that needs fragmentation).
BROKEN = ("_ws.malformed || (!icmp && _ws.expert.severity >= 0x800000) || ip.checksum.status == 0"
          " || icmp.checksum.status == 0 || (!icmp && (udp.checksum.status == 0 || tcp.checksum.status == 0))")


class Sharkd:
    """One sharkd session on stdin/stdout: a JSON-RPC request per line, a reply per line."""

    def __init__(self):
        self.proc = subprocess.Popen(["sharkd", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env={**os.environ, "LC_ALL": "C"})
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        while True:  # skip anything that is not the reply (sharkd's greetings)
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"sharkd ended while answering {method}")
            if line.startswith("{"):
                reply = json.loads(line)
                if reply.get("id") == self.next_id:
                    break
        if "error" in reply:
            raise RuntimeError(f"sharkd {method} {params}: {reply['error']}")
        return reply["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def main(argv):
    netsim, args = argv[1], argv[2:]
    shard, shards = 0, 1
    if args and args[0] == "--shard":
        shard, shards = (int(x) for x in args[1].split("/"))
        args = args[2:]
    scenarios = [s for i, s in enumerate(args) if i % shards == shard]
    shark = Sharkd()
    for name, value in PREFS.items():
        shark.call("setconf", name=name, value=value)
    frames = files = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, scenario in enumerate(scenarios):
            name = os.path.basename(scenario)[:-len(".yaml")]
            folder = os.path.join(tmp, f"{i}-{name}")  # two folders may hold files of one name
            subprocess.run([netsim, "run", scenario, "--trace", "none", "--pcap", folder,
                            "--max-events", "2000000"], stdout=subprocess.DEVNULL, check=False)
            query = BROKEN if name in TCP_TROUBLE_EXPECTED else f"{BROKEN} || tcp.analysis.flags"
            for pcap in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
                path = os.path.join(folder, pcap)
                files += 1
                shark.call("load", file=path)
                n = shark.call("status")["frames"]
                frames += n
                if n == 0:
                    continue
                # sharkd (4.0) caches a filter's matches by its text across loads:
                # trailing spaces make each capture's filter a new one.
                problems = shark.call("frames", filter=query + " " * files, limit=5)
                if problems:
                    print(f"{scenario}: {pcap}:")
                    for p in problems:
                        print("  " + " ".join(p["c"]))
                    bad += 1
    shark.close()
    print(f"Wireshark read {frames} frames in {files} captures of {len(scenarios)} scenarios; {bad} with problems")
    return 0 if files > 0 and frames > 0 and bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
