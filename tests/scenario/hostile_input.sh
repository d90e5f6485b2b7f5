#!/usr/bin/env bash
# Input built to break netsim, too big or too deep to keep in the tree: each
# file is generated here and must end like tests/scenario/bad (exit 2, one
# "file:line:col: what" line, quickly, in bounded memory). Then the command
# line's numbers, and Ctrl-C: a run interrupted ends cleanly with exit 130.
set -uo pipefail
netsim=$1; here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

app='nodes:
  a: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}}
apps:
  p:
    node: a
    steps:'
# A file whose first line is "# error: TEXT" and one long step.
step_file() {  # name, expected text, step text
  { echo "# error: $2"; echo "name: $1"; echo "$app"; printf '      - "%s"\n' "$3"; } > "$tmp/$1.yaml"
}
rep() { local s=$1 n=$2; printf "%${n}s" '' | sed "s/ /$s/g"; }
step_file deep-parens "nested too deeply: more than 200 levels" "x = $(rep '(' 20000)1$(rep ')' 20000)"
step_file not-not "nested too deeply: more than 200 levels" "x = $(rep 'not ' 20000)1"
step_file unary-minus "nested too deeply: more than 200 levels" "x = $(rep '-' 20000)1"
step_file one-line-ifs "nested too deeply: more than 200 levels" "$(rep 'if 1: ' 20000)pass"
step_file long-sum "expression too deep: more than 200 operations" "x = 1$(rep '+1' 175000)"
step_file index-chain "expression too deep: more than 200 operations" "x = y$(rep '[0]' 20000)"
{ echo "# error: YAML nested deeper than 100 levels"; echo "name: deep flow"; echo "x: $(rep '[' 50000)$(rep ']' 50000)"; } > "$tmp/deep-flow.yaml"
{ echo "# error: YAML nested deeper than 100 levels"; echo "name: deep block"
  for ((i = 0; i < 3000; i++)); do printf "%$((i * 2))sk:\n" ''; done; } > "$tmp/deep-block.yaml"
{ echo "# error: aliases expand to more than 1000000 values"; echo "name: billion laughs"
  echo 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'
  for i in 1 2 3 4 5 6 7 8 9; do echo "a$i: &a$i [$(rep "*a$((i - 1)), " 9)*a$((i - 1))]"; done; } > "$tmp/alias-bomb.yaml"
{ echo "# error: more than a scenario may be (16 MiB)"; printf 'name: "'; head -c 17000000 /dev/zero | tr '\0' x; echo '"'; } > "$tmp/huge.yaml"
{ echo "# error: unknown node kind 'kkkk"; echo "name: a long value"; printf 'nodes:\n  a: {kind: '
  head -c 5000000 /dev/zero | tr '\0' k; echo "}"; } > "$tmp/long-value.yaml"

{ echo "# error: 20001 nodes: more than 20000, the most a scenario may have"; echo "name: too many nodes"; echo "nodes:"
  for ((i = 0; i <= 20000; i++)); do echo "  h$i: {kind: host}"; done; } > "$tmp/too-many-nodes.yaml"

timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -f '%M' -o "$tmp/rss"); fi
for f in "$tmp"/*.yaml; do
  start=$SECONDS
  out=$("${timer[@]}" timeout 60 "$netsim" check "$f" 2>&1); code=$?
  [ "$code" -eq 2 ] || { fail "$f: exit $code, want 2: $(head -c 300 <<<"$out")"; continue; }
  grep -qF -- "$(head -1 "$f" | sed -n 's/^# error: //p')" <<<"$out" || fail "$f said: $(head -c 300 <<<"$out")"
  grep -qE -- "^$f:[0-9]+:[0-9]+: " <<<"$out" || fail "$f: no file:line:col in: $(head -c 300 <<<"$out")"
  [ "${#out}" -lt 1000 ] || fail "$f: a message of ${#out} bytes (values must be clipped)"
  [ $((SECONDS - start)) -lt 20 ] || fail "$f: took $((SECONDS - start)) s"
  if [ -s "$tmp/rss" ] && [ "$(tail -1 "$tmp/rss")" -gt 1000000 ]; then fail "$f: used $(tail -1 "$tmp/rss") KiB"; fi
done

# The command line's numbers: no wrap-around, no silent truncation.
ok="$here/../../scenarios/foundation/arp-resolution.yaml"
for args in "--seed -1" "--seed 18446744073709551616" "--max-events -5" "--max-events 1e6" "--seed ' 7'" \
            "--stop 87601h" "--max-time 99999999999h" "--stop -1s"; do
  out=$(eval "\"$netsim\" run \"$ok\" $args" 2>&1); code=$?
  [ "$code" -eq 2 ] || fail "run $args: exit $code, want 2"
  grep -q '^netsim: ' <<<"$out" || fail "run $args said: $out"
done

# Ctrl-C: a run that would go on for years ends at once, its outputs whole.
cat > "$tmp/forever.yaml" <<'YAML'
name: a run that never ends by itself
nodes:
  a: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}}
  b: {kind: host, interfaces: {eth0: {ip: 10.0.0.2/24}}}
links: [{a: "a:eth0", b: "b:eth0"}]
apps:
  p:
    node: a
    steps:
      - s = socket(AF_INET, SOCK_DGRAM)
      - while: True
        do:
          - s.sendto(b"tick", ("10.0.0.2", 9))
          - sleep(0.001)
expect:
  - {app: p, status: finished}
YAML
sed -i 's/links: \[{a: "a:eth0", b: "b:eth0"}\]/links: [{endpoints: ["a:eth0", "b:eth0"]}]/' "$tmp/forever.yaml"
mkdir "$tmp/pcap"
"$netsim" run "$tmp/forever.yaml" --max-time 87600h --pcap "$tmp/pcap" > "$tmp/run.out" 2>&1 &
pid=$!
# The background shell may not have opened run.out yet: size 0 until it has
# (an empty expansion made the loop a syntax error, and SIGINT came before
# netsim was even running, when a background job still ignores it).
out_size() { stat -c %s "$tmp/run.out" 2>/dev/null || echo 0; }
for ((i = 0; i < 300 && $(out_size) < 100000; i++)); do sleep 0.1; done
kill -INT "$pid"; wait "$pid"; code=$?
[ "$code" -eq 130 ] || fail "interrupted run: exit $code, want 130"
grep -q '^NOT REACHED .*forever.yaml:16:5: expectation not checked (run interrupted at' "$tmp/run.out" ||
  fail "interrupted run: no NOT REACHED line: $(tail -3 "$tmp/run.out")"
grep -q '^# ended at .*: interrupted' "$tmp/run.out" || fail "interrupted run: no end line: $(tail -3 "$tmp/run.out")"
for p in "$tmp"/pcap/*.pcap; do [ "$(stat -c %s "$p")" -gt 24 ] || fail "$p: no frames"; done

# `netsim test --timeout`: the endless run fails, reported, and the next goes on.
cp "$ok" "$tmp/zz-ok.yaml"
out=$("$netsim" test --timeout 1s "$tmp/forever.yaml" "$tmp/zz-ok.yaml" 2>&1); code=$?
[ "$code" -eq 1 ] || fail "test --timeout: exit $code, want 1: $out"
grep -q "^FAIL $tmp/forever.yaml (timed out" <<<"$out" || fail "test --timeout said: $out"
grep -q '^1 passed, 1 failed$' <<<"$out" || fail "test --timeout said: $out"

# Legal but suspicious setups: a warning with file:line:col from check and run; the run goes on.
warn="$here/warn/suspicious-setups.yaml"
for cmd in check run; do
  out=$("$netsim" $cmd "$warn" 2>&1 >/dev/null); code=$?
  [ "$code" -eq 0 ] || fail "$cmd $warn: exit $code, want 0"
  for want in "6:3: warning: the gateway of 'pc1' is 10.0.0.10, its own address" \
              "7:34: warning: two interfaces with the address 10.0.0.10 in one broadcast domain: 'pc2:eth0' (the other at 6:34)" \
              "7:34: warning: two interfaces with the MAC 02:00:00:00:00:01 in one broadcast domain" \
              "13:9: warning: the default route of 'pc3' goes via 10.0.0.2 but its gateway is 10.0.0.1" \
              "16:41: warning: the subnets of 'r1:g2' (10.0.0.2/16) and 'r1:g1' (10.0.0.1/24) overlap"; do
    grep -qF "$warn:$want" <<<"$out" || fail "$cmd $warn: no warning '$want' in: $out"
  done
  [ "$(grep -c warning <<<"$out")" -eq 5 ] || fail "$cmd $warn: not 5 warnings: $out"
done

# Broadcast domains follow VLANs: one address in VLANs 10 and 20 is no duplicate;
# in one VLAN, across a trunk or a hub, or on an SVI and a host, it is.
vw="$here/warn/vlan-domains.yaml"
out=$("$netsim" check "$vw" 2>&1 >/dev/null) || fail "check $vw: exit $?"
for want in "16:34: warning: two interfaces with the address 10.0.0.5 in one broadcast domain: 'b10:eth0' (the other at 14:34)" \
            "18:34: warning: two interfaces with the address 10.0.30.7 in one broadcast domain: 'd30:eth0' (the other at 17:34)" \
            "19:34: warning: two interfaces with the address 10.0.10.1 in one broadcast domain: 'e10:eth0' (the other at 10:13)"; do
  grep -qF "$vw:$want" <<<"$out" || fail "check $vw: no warning '$want' in: $out"
done
[ "$(grep -c warning <<<"$out")" -eq 3 ] || fail "check $vw: not 3 warnings: $out"

echo "hostile input: $failed problems"
[ "$failed" -eq 0 ]
