#!/usr/bin/env bash
# Acceptance (issue 8): with listeners already on 54330, 3100, 3000, 4010 and 54329, `npm test`
# passes and `npm run demo` serves the dashboard at the URL it prints. Then Ctrl-C stops the demo
# and nothing of it is left.
source "$(dirname "$0")/lib.sh"
PORTS=(54330 3100 3000 4010 54329)
base="$(mktemp -d)"
chmod 755 "$base"
make_clone "$base/agency-pulse"
CLONES+=("$base")
dir="$base/agency-pulse"

say "holding ports ${PORTS[*]}"
# One node process holds them all (PostgreSQL's usual ports on 127.0.0.1, the others on every
# interface); a port something else already holds is busy anyway, which is the point.
node -e '
  const net = require("node:net");
  for (const arg of process.argv.slice(1)) {
    const [port, host] = arg.split("@");
    net.createServer((s) => s.end()).on("error", (e) => console.log(`port ${port}: ${e.code} (already busy)`))
      .listen(Number(port), host, () => console.log(`holding ${host}:${port}`));
  }
  setInterval(() => {}, 1 << 30);
' 54330@127.0.0.1 54329@127.0.0.1 3100@:: 3000@:: 4010@:: &
holder=$!
trap 'kill $holder 2>/dev/null; cleanup_clones' EXIT
sleep 1
ss -ltn | awk 'NR==1 || /:(54330|3100|3000|4010|54329) /'

failures=0
say "npm test"
status=0
(cd "$dir" && npm test >"$LOGS/test.log" 2>&1) || status=$?
grep -E '^PostgreSQL \(test\)|^postgresql://|^app under test|^(vitest|playwright|tests):|^FAILED' "$LOGS/test.log" || true
echo "exit status: $status"
[ "$status" = 0 ] || { failures=$((failures + 1)); tail -30 "$LOGS/test.log"; }
leftovers "$dir" || failures=$((failures + 1))

say "npm run demo"
# its own process group, so Ctrl-C can be sent to all of it as a terminal would
setsid bash -c "cd '$dir' && exec npm run demo" >"$LOGS/demo.log" 2>&1 &
demo=$!
url=""
for _ in $(seq 1 600); do
  url="$(sed -n 's/^  dashboard:  \(http[^ ]*\).*/\1/p' "$LOGS/demo.log" | head -1)"
  [ -n "$url" ] && break
  kill -0 "$demo" 2>/dev/null || break
  sleep 1
done
grep -E '^PostgreSQL|^database:|^simulator:|dashboard:|sign in:|in use|failed' "$LOGS/demo.log" | sed 's/ \/ .*/ \/ (password)/' || true
if [ -z "$url" ]; then
  echo "the demo printed no dashboard URL"; tail -30 "$LOGS/demo.log"; failures=$((failures + 1))
else
  health="$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health")"
  page="$(curl -s -L -o "$LOGS/dashboard.html" -w '%{http_code} %{url_effective}' "$url/")"
  echo "curl $url/api/health -> $health"
  echo "curl -L $url/ -> $page, $(grep -o '<title>[^<]*</title>' "$LOGS/dashboard.html" | head -1)"
  [ "$health" = 200 ] && [[ "$page" == 200* ]] || failures=$((failures + 1))
  case "$url" in *:3000) echo "the demo claims port 3000, which is held"; failures=$((failures + 1)) ;; esac
fi
say "Ctrl-C (SIGINT to the demo's process group)"
kill -INT -- "-$demo" 2>/dev/null || true
for _ in $(seq 1 60); do kill -0 "$demo" 2>/dev/null || break; sleep 1; done
sleep 2
leftovers "$dir" || failures=$((failures + 1))

say "result: $([ $failures = 0 ] && echo PASS || echo "FAIL ($failures)")"
exit "$failures"
