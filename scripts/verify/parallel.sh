#!/usr/bin/env bash
# Acceptance (issue 8): two clones run `npm test` at the same moment, and both pass.
source "$(dirname "$0")/lib.sh"
# As root: each clone in its own 0700 folder (the case where both runs keep their PostgreSQL data
# and the copied binaries in the temporary folder), with a fresh TMPDIR so both runs find no copy
# of the binaries yet. Otherwise: two plain folders.
one="$(mktemp -d)"
two="$(mktemp -d)"
[ "$(id -u)" = 0 ] || chmod 755 "$one" "$two"
make_clone "$one/agency-pulse"
make_clone "$two/agency-pulse"
CLONES+=("$one" "$two")
if [ "$(id -u)" = 0 ]; then
  TMPDIR="$(mktemp -d)"
  chmod 755 "$TMPDIR"
  export TMPDIR
  CLONES+=("$TMPDIR")
  echo "TMPDIR=$TMPDIR (no copy of the PostgreSQL binaries yet)"
fi
declare -A dirs=([one]="$one/agency-pulse" [two]="$two/agency-pulse")
say "npm test in both clones at once ($(date -u +%T))"
for name in one two; do
  (set +e; cd "${dirs[$name]}" && npm test >"$LOGS/$name.log" 2>&1; echo $? >"$LOGS/$name.status") &
done
wait
echo "both ended $(date -u +%T)"
failures=0
for name in one two; do
  status="$(cat "$LOGS/$name.status")"
  say "clone $name: exit status $status"
  grep -E '^PostgreSQL \(test\)|^postgresql://|^app under test|^(vitest|playwright|tests):|^FAILED' "$LOGS/$name.log" || true
  [ "$status" = 0 ] || { failures=$((failures + 1)); tail -30 "$LOGS/$name.log"; }
  leftovers "${dirs[$name]}" || failures=$((failures + 1))
done
say "result: $([ $failures = 0 ] && echo PASS || echo "FAIL ($failures)")"
exit "$failures"
