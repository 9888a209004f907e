# Shared by scripts/verify/*.sh (sourced): fresh clones of this checkout's committed HEAD, and a
# look at what processes a run left. Clones are removed at the end unless KEEP=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOGS="${LOGS:-$(mktemp -d /tmp/agency-pulse-verify-XXXXXX)}"
chmod 755 "$LOGS"
CLONES=()

say() { printf '\n### %s\n' "$*"; }

# make_clone DIR: clones the committed HEAD into DIR (which must not exist). Nothing is put beside
# it: the repository stands alone (the OpenAPI specs are vendored in sim/openapi/).
make_clone() {
  local dir="$1"
  git clone -q "$ROOT" "$dir"
  CLONES+=("$dir")
  echo "clone: $dir (HEAD $(git -C "$dir" log -1 --format=%h), parent mode $(stat -c %a "$(dirname "$dir")"))"
}

# leftovers DIR: processes whose working folder or command line is inside DIR, or that carry a
# test run's mark (AGENCY_PULSE_RUN) set by a run under DIR. Prints them; returns 1 when any.
leftovers() {
  local dir="$1" found="" pid cwd args data
  # as root in a private folder the test server's data lives in /tmp (scripts/lib/local-postgres.ts)
  data="${TMPDIR:-/tmp}/agency-pulse-$(printf %s "$dir" | sha256sum | cut -c1-16)"
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    [ "$pid" = "$$" ] && continue
    cwd="$(readlink "$proc/cwd" 2>/dev/null || true)"
    args="$({ tr '\0' ' ' <"$proc/cmdline"; } 2>/dev/null || true)"
    if [[ "$cwd" == "$dir"* || "$cwd" == "$data"* || "$args" == *"$dir"* || "$args" == *"$data"* ]]; then
      found="$found $pid"
    fi
  done
  # shellcheck disable=SC2086
  for pid in $found; do
    [ -d "/proc/$pid" ] || found="${found/ $pid/}"
  done
  if [ -n "${found// /}" ]; then
    ps -o pid,ppid,pgid,etime,args -p "$(echo $found | tr ' ' ',')" | cut -c1-200
    return 1
  fi
  echo "ps: no process of the run is left (none has $dir or $data as working folder or in its command line)"
}

# run_processes DIR: what runs now for a run under DIR (for a before/after picture).
run_processes() {
  local dir="$1" pids="" pid cwd
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    cwd="$(readlink "$proc/cwd" 2>/dev/null || true)"
    [[ "$cwd" == "$dir"* ]] && pids="$pids,$pid"
  done
  [ -n "$pids" ] && ps -o pid,pgid,args -p "${pids#,}" | cut -c1-160 || echo "(none)"
}

cleanup_clones() {
  set +e
  for dir in "${CLONES[@]}"; do
    [ -d "$dir" ] || continue
    # the test server's data may live in /tmp (root in a private folder): remove it with the clone
    (cd "$dir" && [ -d node_modules ] && npx tsx scripts/pg.ts stop test --remove >/dev/null 2>&1
     cd "$dir" && [ -d node_modules ] && npx tsx scripts/pg.ts stop dev --remove >/dev/null 2>&1)
    [ "${KEEP:-}" = 1 ] || rm -rf "$dir"
  done
  echo "logs: $LOGS"
}
trap cleanup_clones EXIT
