#!/usr/bin/env python3
"""The quoting advice for a step YAML read as a map must itself be valid:
each file's step, replaced by the advised text on its line, makes a scenario
`netsim check` accepts. Usage: quoting_advice.py NETSIM FILE..."""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

netsim, files = sys.argv[1], sys.argv[2:]
problems = 0
with tempfile.TemporaryDirectory() as scratch:
    for f in files:
        out = subprocess.run([netsim, "check", f], capture_output=True, text=True).stderr
        m = re.search(r":(\d+):\d+: .*\(quote the (?:whole step: - |step in its list: )(.*)\)$", out.strip())
        if not m:
            print(f"FAIL {f}: no quoting advice in: {out}")
            problems += 1
            continue
        line, advice = int(m.group(1)), m.group(2)
        # What the advice quotes: the step's text as the file has it, unquoted.
        text = advice[1:-1].replace("''", "'") if advice[0] == "'" else advice[1:-1]
        lines = Path(f).read_text().splitlines(keepends=True)
        if text not in lines[line - 1]:
            print(f"FAIL {f}: line {line} does not hold the advised step {text!r}")
            problems += 1
            continue
        lines[line - 1] = lines[line - 1].replace(text, advice, 1)
        fixed = Path(scratch) / Path(f).name
        fixed.write_text("".join(lines[1:]))  # without the "# error:" line
        again = subprocess.run([netsim, "check", str(fixed)], capture_output=True, text=True)
        if again.returncode != 0:
            print(f"FAIL {f}: with the advice {advice} netsim check says: {again.stderr.strip()}")
            problems += 1
print(f"{len(files)} files: {problems} problems")
sys.exit(1 if problems else 0)
