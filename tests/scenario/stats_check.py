#!/usr/bin/env python3
"""`netsim run --stats`, `--stats-out FILE.csv` and `FILE.json` on a small
deterministic scenario (tests/scenario/stats/small.yaml): both files parse, say
the same, and hold the numbers worked out by hand from the scenario.
Usage: stats_check.py NETSIM SCENARIO"""
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

netsim, scenario = sys.argv[1], sys.argv[2]
problems = []
with tempfile.TemporaryDirectory() as scratch:
    j, c = Path(scratch) / "s.json", Path(scratch) / "s.csv"
    run = subprocess.run([netsim, "run", scenario, "--trace", "none", "--stats", "--stats-out", str(j)],
                         capture_output=True, text=True)
    subprocess.run([netsim, "run", scenario, "--trace", "none", "--stats-out", str(c)], check=True,
                   capture_output=True)
    bad = subprocess.run([netsim, "run", scenario, "--stats-out", str(Path(scratch) / "s.txt")],
                         capture_output=True, text=True)
    stats = json.loads(j.read_text())
    rows = list(csv.DictReader(c.open()))

if run.returncode != 0:
    problems.append(f"netsim run exited {run.returncode}: {run.stderr}")
for heading in ("# stats over 3.005s", "links:", "ports:", "drops:", "tcp:", "apps:"):
    if heading not in run.stdout:
        problems.append(f"the --stats table lacks '{heading}'")
if bad.returncode != 2 or "must end in .csv or .json" not in bad.stderr:
    problems.append(f"--stats-out s.txt: exit {bad.returncode}, {bad.stderr.strip()}")


def row(section, **key):
    found = [r for r in stats[section] if all(r[k] == v for k, v in key.items())]
    if len(found) != 1:
        problems.append(f"{section} {key}: {len(found)} rows")
        return {}
    return found[0]


def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: {got!r}, want {want!r}")


# a: an ARP request (60 bytes), two echo requests (98) and the 3 of 6 datagrams
# (1042 bytes) that found room in a queue of 2; the other 3 are dropped there.
a = row("ports", port="a:eth0")
expect("a:eth0 tx_frames", a.get("tx_frames"), 6)
expect("a:eth0 tx_bytes", a.get("tx_bytes"), 60 + 2 * 98 + 3 * 1042)
expect("a:eth0 queue_max", a.get("queue_max"), 2)
expect("a:eth0 drops", a.get("drops"), 3)
expect("a:eth0 queue-full", row("drops", where="a:eth0", reason="queue-full").get("frames"), 3)
# b has no socket on port 9: each datagram that arrives is dropped (and answered).
expect("b:eth0 port-unreachable", row("drops", where="b:eth0", reason="port-unreachable").get("frames"), 3)
# a receives the ARP reply, two echo replies, three port unreachables and c's ARP broadcast.
expect("a:eth0 rx_frames", a.get("rx_frames"), 7)
link = row("links", link="a:eth0 <-> sw:p1")
expect("link a-sw frames", link.get("frames"), 13)
expect("link a-sw util a>b", link.get("util_ab_pct"), 0.9)
# c's 50000 bytes over the lossy link: one segment sent twice (from an
# ephemeral port: the one connection c has).
tcp = row("tcp", node="c")
expect("tcp c bytes", tcp.get("bytes"), 50000 + tcp.get("retransmitted_bytes", 0))
expect("tcp c retransmits", tcp.get("retransmits"), 1)
expect("tcp c retransmitted_bytes", tcp.get("retransmitted_bytes"), 1448)
if not 0 < tcp.get("srtt_ms", 0) < 10:
    problems.append(f"tcp c srtt_ms {tcp.get('srtt_ms')}")
expect("apps", sorted((r["app"], r["status"]) for r in stats["apps"]),
       [("pinger", "finished"), ("sender", "finished"), ("sink", "finished")])

# The CSV says the same as the JSON, field by field (numbers as numbers).
def same(v):
    try:
        return float(v)
    except ValueError:
        return v


keys = {"links": 1, "ports": 1, "drops": 2, "tcp": 2, "apps": 2}
from_json = set()
for section, n in keys.items():
    for r in stats[section]:
        values = list(r.items())
        name = " ".join(str(v) for _, v in values[:n])
        from_json |= {(section, name, k, same(v)) for k, v in values[n:]}
from_csv = {(r["section"], r["name"], r["field"], same(r["value"])) for r in rows}
diff = from_json ^ from_csv
if diff:
    problems.append(f"CSV and JSON differ in {len(diff)} values, e.g. {sorted(diff)[:3]}")

for p in problems:
    print("FAIL", p)
print(f"stats: {len(problems)} problems")
sys.exit(1 if problems else 0)
