#!/bin/sh
# Runs the browser tests against a fresh aspgraph (see scripts/with-service.sh): `node --test`
# in web/browsertest/ with ASPGRAPH_URL set. Run it under `bin/aspgraph with-neo4j` (make browser-test
# does).
set -eu
cd "$(dirname "$0")/../.."
exec sh scripts/with-service.sh sh -c 'cd web/browsertest && node --test'
