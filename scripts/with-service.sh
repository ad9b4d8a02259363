#!/bin/sh
# with-service.sh COMMAND [ARG...]: runs COMMAND against a fresh aspgraph: starts
# `bin/aspgraph serve` on a free port, waits until /readyz answers 200, runs COMMAND from the
# repository's root with ASPGRAPH_URL set to the service's base URL, and stops the service
# however COMMAND ends. It exits as COMMAND did, printing the end of the service's log when it
# failed.
#
# Run it under `bin/aspgraph with-neo4j` (the browser and client tests do), which sets
# NEO4J_URI to a throw-away Neo4j; serve loads the knowledge graph into it before it reports
# ready.
set -eu
cd "$(dirname "$0")/.."

if [ -z "${NEO4J_URI:-}" ]; then
	echo "with-service.sh: NEO4J_URI is unset; run it as: bin/aspgraph with-neo4j -- sh scripts/with-service.sh COMMAND" >&2
	exit 2
fi

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
log=$(mktemp "${TMPDIR:-/tmp}/aspgraph-service.XXXXXX")
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
echo "with-service.sh: aspgraph serve (pid $pid) on $base, waiting for /readyz"
deadline=$(($(date +%s) + 180))
until node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$base/readyz"; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "with-service.sh: aspgraph serve exited before it was ready; its log:" >&2
		cat "$log" >&2
		exit 1
	fi
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "with-service.sh: aspgraph serve not ready after 180 s; its log:" >&2
		tail -n 50 "$log" >&2
		exit 1
	fi
	sleep 1
done

status=0
ASPGRAPH_URL=$base "$@" || status=$?
if [ "$status" -ne 0 ]; then
	echo "with-service.sh: $* failed; the end of the service's log:" >&2
	tail -n 30 "$log" >&2
fi
exit "$status"
