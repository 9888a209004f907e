#!/usr/bin/env bash
# `npm run demo`: everything from a fresh clone — install, build, then scripts/demo.ts brings up
# PostgreSQL, the GHL simulator with a demo agency, the first sync and the app on :3000.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
bash scripts/ensure-deps.sh
npm run --silent prisma:generate
mkdir -p .data
echo "building the app (next build)…"
npx next build > .data/demo-build.log 2>&1 || { cat .data/demo-build.log; exit 1; }
node scripts/build-bin.mjs
exec npx tsx --conditions=react-server scripts/demo.ts "$@"
