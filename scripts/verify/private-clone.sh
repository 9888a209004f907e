#!/usr/bin/env bash
# Acceptance (issue 8): as root, `CI=true bash .ci/run` passes from a clone in a 0700 folder and
# from one in /tmp/x (X_DIR). Runs them one after the other; prints each run's PostgreSQL line,
# summary and exit status, then what is left running.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "run this as root (the case under test)"; exit 2; }
X_DIR="${X_DIR:-/tmp/x}"
[ ! -e "$X_DIR" ] || { echo "$X_DIR exists: remove it or set X_DIR"; exit 2; }
private="$(mktemp -d)"   # mode 0700
failures=0
for dir in "$private/agency-pulse" "$X_DIR"; do
  say "CI=true bash .ci/run in $dir"
  make_clone "$dir"
  log="$LOGS/$(basename "$(dirname "$dir")")-$(basename "$dir").log"
  status=0
  (cd "$dir" && CI=true bash .ci/run >"$log" 2>&1) || status=$?
  grep -E '^PostgreSQL \(test\)|^postgresql://|^(vitest|playwright|tests):|^FAILED' "$log" || true
  echo "exit status: $status (log: $log)"
  [ "$status" = 0 ] || { failures=$((failures + 1)); tail -30 "$log"; }
  leftovers "$dir" || failures=$((failures + 1))
done
CLONES+=("$private")
say "result: $([ $failures = 0 ] && echo PASS || echo "FAIL ($failures)")"
exit "$failures"
