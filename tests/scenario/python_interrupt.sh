#!/usr/bin/env bash
# A Python program that never calls into netsim (`while True: pass`) cannot
# hold a run: Ctrl-C and `netsim test --timeout` reach it as KeyboardInterrupt,
# the run ends cleanly (exit 130, files complete), and one that swallows every
# KeyboardInterrupt is ended 5 s later with a message.
set -uo pipefail
netsim=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

cat > "$tmp/spin.py" <<'PY'
print("spinning", flush=True)
n = 0
while True:
    n += 1
PY
cat > "$tmp/stubborn.py" <<'PY'
print("spinning", flush=True)
while True:
    try:
        while True:
            pass
    except KeyboardInterrupt:
        pass
PY
for prog in spin stubborn; do
  cat > "$tmp/$prog.yaml" <<YAML
name: a program that never waits
nodes:
  a: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}}
apps:
  p: {node: a, python: $prog.py}
expect:
  - {app: p, status: finished}
YAML
done

# Ctrl-C: KeyboardInterrupt in the program, exit 130, the expectation not reached.
"$netsim" run "$tmp/spin.yaml" > "$tmp/run.out" 2>&1 &
pid=$!
for ((i = 0; i < 300; i++)); do grep -q spinning "$tmp/run.out" && break; sleep 0.1; done
sleep 0.3
kill -INT "$pid"
for ((i = 0; i < 100 && $(kill -0 "$pid" 2>/dev/null; echo $?) == 0; i++)); do sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { kill -9 "$pid"; fail "Ctrl-C did not end the run within 10 s"; }
wait "$pid"; code=$?
[ "$code" -eq 130 ] || fail "Ctrl-C: exit $code, want 130: $(tail -5 "$tmp/run.out")"
grep -q "KeyboardInterrupt" "$tmp/run.out" || fail "Ctrl-C: no KeyboardInterrupt: $(tail -5 "$tmp/run.out")"
grep -q "^NOT REACHED .*spin.yaml:7:5" "$tmp/run.out" || fail "Ctrl-C: no NOT REACHED line: $(tail -5 "$tmp/run.out")"

# --timeout: reported as timed out, and the next file still runs.
out=$(timeout 60 "$netsim" test --timeout 1s "$tmp/spin.yaml" "$tmp/spin.yaml" 2>&1); code=$?
[ "$code" -eq 1 ] || fail "test --timeout: exit $code, want 1: $out"
[ "$(grep -c "^FAIL $tmp/spin.yaml (timed out" <<<"$out")" -eq 2 ] || fail "test --timeout said: $out"

# A program that catches every KeyboardInterrupt: ended after 5 s more, said so.
out=$(timeout 60 "$netsim" test --timeout 1s "$tmp/stubborn.yaml" 2>&1); code=$?
[ "$code" -eq 130 ] || fail "stubborn program: exit $code, want 130: $out"
grep -q "ignores KeyboardInterrupt" <<<"$out" || fail "stubborn program said: $out"

[ "$failed" -eq 0 ] && echo "python interrupt: all passed"
exit $((failed > 0))
