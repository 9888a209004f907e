#!/usr/bin/env bash
# The one test command (README Quick start, and .ci/run): installs what it needs, type-checks and
# builds once, runs every Vitest suite against a private PostgreSQL and the GHL simulator, then the
# Playwright suite in Debian's Chromium against `next start`. Ends with one "N passed, N failed" line.
# Ports are chosen at run time (TEST_PG_PORT / E2E_PORT pick them), so two checkouts can run it at
# once; whatever it started is stopped when it ends, fails or is interrupted (Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export CHECKPOINT_DISABLE=1
step() { printf '\n=== %s\n' "$*"; }

# Every process of this run inherits this mark, so the cleanup finds them all, also the ones that
# left the process tree (the PostgreSQL daemon; a `next start` whose Playwright was killed).
export AGENCY_PULSE_RUN="test-$$-$(date +%s)-$RANDOM"
pg_started=""
cleanup() {
  local status=$?
  trap '' INT TERM
  set +e
  if [ -n "$pg_started" ]; then
    env -u AGENCY_PULSE_RUN npx tsx scripts/pg.ts stop test >/dev/null 2>&1 ||
      echo "could not stop PostgreSQL (test): npm run pg -- stop test" >&2
  fi
  bash scripts/stop-run-processes.sh "$AGENCY_PULSE_RUN"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted: stopping what this run started" >&2; exit 130' INT
trap 'exit 143' TERM

step "install"
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh

step "format (prettier --check)"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "run: npm run format" >&2; exit 1; }

step "lint (eslint: layers, client imports, server-only)"
npm run --silent lint

step "prisma generate (offline)"
npm run --silent prisma:generate

step "PostgreSQL for tests"
if [ -z "${DATABASE_URL:-}" ]; then
  # This checkout's own server (its data in .data/, or in /tmp as root in a private folder), on
  # TEST_PG_PORT when set and free, else on a port the system picks.
  pg_started=1
  TEST_DATABASE_URL="$(npx tsx scripts/pg.ts start test "${TEST_PG_PORT:-0}")"
  export TEST_DATABASE_URL
  echo "$TEST_DATABASE_URL"
else
  export TEST_DATABASE_URL="$DATABASE_URL"
fi
mkdir -p .data/reports
rm -f .data/reports/vitest.json .data/reports/playwright.json

step "type-check and build (next build)"
npx next build

step "unit and integration tests (vitest)"
vitest_status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/reports/vitest.json || vitest_status=$?

step "end-to-end tests (playwright, Debian chromium)"
DATABASE_URL="$TEST_DATABASE_URL" npm run --silent db:migrate
# The app under test listens on E2E_PORT (playwright.config.ts): free, chosen now.
# So are the simulator (settings-tokens-sync.spec.ts) and the SMTP catcher (schedules.spec.ts)
# that the specs start and the app under test reaches.
read -r E2E_PORT E2E_SIM_PORT E2E_SMTP_PORT < <(npx tsx scripts/free-port.ts "${E2E_PORT:-0}" 3)
export E2E_PORT E2E_SIM_PORT E2E_SMTP_PORT
echo "app under test: http://127.0.0.1:$E2E_PORT"
e2e_status=0
DATABASE_URL="$TEST_DATABASE_URL" PLAYWRIGHT_JSON_OUTPUT_NAME=.data/reports/playwright.json \
  npx playwright test --reporter=list,json || e2e_status=$?

step "summary"
node scripts/summarize-tests.mjs .data/reports/vitest.json .data/reports/playwright.json
if [ "$vitest_status" -ne 0 ] || [ "$e2e_status" -ne 0 ]; then
  echo "FAILED (vitest exit $vitest_status, playwright exit $e2e_status)"
  exit 1
fi
