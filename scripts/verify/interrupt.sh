#!/usr/bin/env bash
# Acceptance (issue 8): after a Ctrl-C in the middle of `npm test` no process of the run is left.
# Interrupts one run while Vitest runs (PostgreSQL up) and one while Playwright runs (`next start`
# up), each with SIGINT to the run's process group as a terminal's Ctrl-C does, and shows `ps`
# before and after.
source "$(dirname "$0")/lib.sh"
base="$(mktemp -d)"
chmod 755 "$base"
make_clone "$base/agency-pulse"
CLONES+=("$base")
dir="$base/agency-pulse"
failures=0

interrupt_at() {
  local pattern="$1" delay="$2" name="$3" run status
  say "npm test, Ctrl-C ${delay}s after \"$pattern\""
  setsid bash -c "cd '$dir' && exec npm test" >"$LOGS/$name.log" 2>&1 &
  run=$!
  for _ in $(seq 1 900); do
    grep -qF "$pattern" "$LOGS/$name.log" && break
    kill -0 "$run" 2>/dev/null || { echo "the run ended before \"$pattern\""; tail -20 "$LOGS/$name.log"; failures=$((failures + 1)); return; }
    sleep 1
  done
  sleep "$delay"
  echo "running before Ctrl-C (working folder in the clone):"
  run_processes "$dir"
  kill -INT -- "-$run"
  status=0
  wait "$run" || status=$?
  echo "npm test exit status after Ctrl-C: $status"
  grep -E 'interrupted|stopping what this run left' "$LOGS/$name.log" | cut -c1-200 || true
  sleep 1
  leftovers "$dir" || failures=$((failures + 1))
}

interrupt_at "=== unit and integration tests (vitest)" 25 during-vitest
interrupt_at "app under test:" 20 during-playwright

say "result: $([ $failures = 0 ] && echo PASS || echo "FAIL ($failures)")"
exit "$failures"
