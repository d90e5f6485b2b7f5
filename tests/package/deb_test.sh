#!/usr/bin/env bash
# `cpack -G DEB` builds a package whose contents work on their own: unpacked
# with dpkg -x into a scratch folder (not installed), its netsim runs an example
# scenario from the package, and the docs, schema, man page and completion are
# where the package says. Usage: deb_test.sh BUILD_DIR
set -euo pipefail
build=$1
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
if ! (cd "$build" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1); then
  cat "$scratch/cpack.log"; exit 1
fi
deb=$(ls "$scratch"/out/*.deb)
dpkg -x "$deb" "$scratch/root"
usr=$scratch/root/usr
for f in bin/netsim share/doc/netsim/README.md share/doc/netsim/scenario-format.md share/doc/netsim/app-language.md \
         share/netsim/netsim.schema.json share/man/man1/netsim.1 share/bash-completion/completions/netsim \
         share/netsim/scenarios/foundation/three-routers.yaml; do
  [ -s "$usr/$f" ] || { echo "FAIL: $f missing from $(basename "$deb")"; exit 1; }
done
echo "$(basename "$deb"): $("$usr/bin/netsim" --version); Depends: $(dpkg-deb -f "$deb" Depends)"
"$usr/bin/netsim" run "$usr/share/netsim/scenarios/foundation/three-routers.yaml" --trace none >"$scratch/run.log" ||
  { echo "FAIL: the packaged netsim could not run its example:"; cat "$scratch/run.log"; exit 1; }
# `netsim test` alone, away from a source tree: the installed examples.
(cd "$scratch" && "$usr/bin/netsim" test >"$scratch/test.log") ||
  { echo "FAIL: netsim test over the installed examples:"; grep -v '^PASS' "$scratch/test.log"; exit 1; }
bash -n "$usr/share/bash-completion/completions/netsim"
grep -qF -- '.B \-\-stop' "$usr/share/man/man1/netsim.1" || { echo "FAIL: the man page lacks run's options"; exit 1; }
echo "the unpacked package runs its examples: $(tail -1 "$scratch/test.log")"
