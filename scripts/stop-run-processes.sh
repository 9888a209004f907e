#!/usr/bin/env bash
# `bash scripts/stop-run-processes.sh MARK`: stops every process whose environment holds
# AGENCY_PULSE_RUN=MARK — what one `npm test` started, also the processes that left its process
# tree (PostgreSQL daemonizes; Playwright's `next start` outlives a killed Playwright). SIGTERM,
# then SIGKILL after 10 s. Prints what it stopped. Linux (/proc); elsewhere it only stops the
# descendants of the caller.
set -uo pipefail
mark="${1:?usage: stop-run-processes.sh MARK}"
# Run without the mark, or this script and its helpers (tr, grep) would count as the run's.
if [ -n "${AGENCY_PULSE_RUN:-}" ]; then exec env -u AGENCY_PULSE_RUN bash "$0" "$@"; fi
self=$$

marked() {
  local pid
  if [ -d /proc/self ]; then
    for dir in /proc/[0-9]*; do
      pid="${dir#/proc/}"
      [ "$pid" = "$self" ] && continue
      # environ is NUL-separated; unreadable (another user's) or vanished processes are skipped.
      if { tr '\0' '\n' <"$dir/environ"; } 2>/dev/null | grep -qxF "AGENCY_PULSE_RUN=$mark"; then
        echo "$pid"
      fi
    done
  else
    ps -A -o pid=,ppid= | awk -v root="$PPID" '
      { parent[$1] = $2 } END { for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root && p != root) print p } }'
  fi
}

# Alive and not a zombie (a zombie has exited; only its parent has not collected it yet).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state=$({ sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1; } 2>/dev/null)
  [ "$state" != "Z" ]
}

pids=$(for pid in $(marked); do alive "$pid" && echo "$pid"; done)
[ -z "$pids" ] && exit 0
echo "stopping what this run left running: $(ps -o pid=,comm= -p $(echo $pids | tr ' ' ',') 2>/dev/null | awk '{print $2"("$1")"}' | tr '\n' ' ')" >&2
kill -TERM $pids 2>/dev/null
for _ in $(seq 1 20); do
  still=""
  for pid in $pids; do alive "$pid" && still="$still $pid"; done
  [ -z "$still" ] && exit 0
  sleep 0.5
done
echo "still running after 10 s, killing:$still" >&2
kill -KILL $still 2>/dev/null
exit 0
