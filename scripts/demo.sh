#!/usr/bin/env bash
# `npm run demo`: everything from a fresh clone — install, then scripts/demo.ts builds the app when
# its sources changed since the last build and brings up PostgreSQL, the GHL simulator with a demo
# agency, the first sync, the app, the worker and an SMTP catcher.
#
# Signals: each step runs in the background and is waited for, so a SIGTERM or SIGINT to this
# script (or to `npm run demo`, which forwards it) stops the step at once instead of leaving it
# running. The last step replaces this shell (exec): demo.ts then gets the signal itself and
# stops every child it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
step=""
stop() {
  [ -n "$step" ] && kill -TERM "$step" 2>/dev/null && wait "$step" 2>/dev/null
  exit "$1"
}
trap 'stop 143' TERM
trap 'stop 130' INT
run() {
  "$@" &
  step=$!
  wait "$step"
  step=""
}
run bash scripts/ensure-deps.sh
run npm run --silent prisma:generate
mkdir -p .data
run node scripts/build-bin.mjs
# One process, no npx or tsx wrapper between npm and the demo: nothing in between to forward
# (or lose) a signal. Only `server-only` resolves with React's react-server condition.
exec node --import tsx --import ./scripts/lib/server-only-hook.mjs scripts/demo.ts "$@"
