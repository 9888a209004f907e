#!/usr/bin/env bash
# Acceptance (issue 8): two clones run `npm test` at the same moment, and both pass.
source "$(dirname "$0")/lib.sh"
base="$(mktemp -d)"
chmod 755 "$base"
make_clone "$base/one"
make_clone "$base/two"
CLONES+=("$base")
say "npm test in both clones at once ($(date -u +%T))"
(cd "$base/one" && npm test >"$LOGS/one.log" 2>&1; echo $? >"$LOGS/one.status") &
(cd "$base/two" && npm test >"$LOGS/two.log" 2>&1; echo $? >"$LOGS/two.status") &
wait
echo "both ended $(date -u +%T)"
failures=0
for name in one two; do
  status="$(cat "$LOGS/$name.status")"
  say "clone $name: exit status $status"
  grep -E '^PostgreSQL \(test\)|^postgresql://|^app under test|^(vitest|playwright|tests):|^FAILED' "$LOGS/$name.log" || true
  [ "$status" = 0 ] || { failures=$((failures + 1)); tail -30 "$LOGS/$name.log"; }
  leftovers "$base/$name" || failures=$((failures + 1))
done
say "result: $([ $failures = 0 ] && echo PASS || echo "FAIL ($failures)")"
exit "$failures"
