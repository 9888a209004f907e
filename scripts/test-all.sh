#!/usr/bin/env bash
# The one test command (README Quick start, and .ci/run): installs what it needs, type-checks and
# builds once, runs every Vitest suite against a private PostgreSQL and the GHL simulator, then the
# Playwright suite in Debian's Chromium against `next start`. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export CHECKPOINT_DISABLE=1
step() { printf '\n=== %s\n' "$*"; }

step "install"
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh

step "format (prettier --check)"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "run: npm run format" >&2; exit 1; }

step "prisma generate (offline)"
npm run --silent prisma:generate

step "PostgreSQL for tests"
if [ -z "${DATABASE_URL:-}" ]; then
  npx tsx scripts/pg.ts start test "${TEST_PG_PORT:-54330}"
  export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:${TEST_PG_PORT:-54330}/agency_pulse"
  trap 'npx tsx scripts/pg.ts stop test >/dev/null 2>&1 || true' EXIT
else
  export TEST_DATABASE_URL="$DATABASE_URL"
fi
mkdir -p .data/reports

step "type-check and build (next build)"
npx next build

step "unit and integration tests (vitest)"
vitest_status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/reports/vitest.json || vitest_status=$?

step "end-to-end tests (playwright, Debian chromium)"
DATABASE_URL="$TEST_DATABASE_URL" npm run --silent db:migrate
e2e_status=0
DATABASE_URL="$TEST_DATABASE_URL" PLAYWRIGHT_JSON_OUTPUT_NAME=.data/reports/playwright.json \
  npx playwright test --reporter=list,json || e2e_status=$?

step "summary"
node scripts/summarize-tests.mjs .data/reports/vitest.json .data/reports/playwright.json
if [ "$vitest_status" -ne 0 ] || [ "$e2e_status" -ne 0 ]; then
  echo "FAILED (vitest exit $vitest_status, playwright exit $e2e_status)"
  exit 1
fi
