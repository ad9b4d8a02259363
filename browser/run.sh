#!/bin/sh
# Runs the browser tests against a fresh aspgraph: starts `bin/aspgraph serve` on a free port,
# waits until /readyz answers 200, runs `node --test` here with ASPGRAPH_URL set, and stops the
# service however the tests end. It exits as the tests did.
#
# Run it under `bin/aspgraph with-neo4j` (make browser-test does), which sets NEO4J_URI to a
# throw-away Neo4j; serve loads the knowledge graph into it before it reports ready.
set -eu
cd "$(dirname "$0")/.."

if [ -z "${NEO4J_URI:-}" ]; then
	echo "browser/run.sh: NEO4J_URI is unset; run it as: bin/aspgraph with-neo4j -- sh browser/run.sh" >&2
	exit 2
fi

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
log=$(mktemp "${TMPDIR:-/tmp}/aspgraph-browser-test.XXXXXX")
PORT=$port ./bin/aspgraph serve >"$log" 2>&1 &
pid=$!

stop() {
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -f "$log"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

base=http://127.0.0.1:$port
echo "browser/run.sh: aspgraph serve (pid $pid) on $base, waiting for /readyz"
deadline=$(($(date +%s) + 180))
until node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$base/readyz"; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "browser/run.sh: aspgraph serve exited before it was ready; its log:" >&2
		cat "$log" >&2
		exit 1
	fi
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "browser/run.sh: aspgraph serve not ready after 180 s; its log:" >&2
		tail -n 50 "$log" >&2
		exit 1
	fi
	sleep 1
done

cd browser
status=0
ASPGRAPH_URL=$base node --test || status=$?
if [ "$status" -ne 0 ]; then
	echo "browser/run.sh: the browser tests failed; the end of the service's log:" >&2
	tail -n 30 "$log" >&2
fi
exit "$status"
