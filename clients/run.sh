#!/bin/sh
# Runs the client tests against one fresh aspgraph (see scripts/with-service.sh): Apollo
# Client, urql, graphql-request and Relay (clients/test/, node --test), Python's gql
# (clients/python/, in the venv that `make client-deps` makes) and the genqlient example
# (examples/genqlient/, go test). Run it under `bin/aspgraph with-neo4j` (make client-test does).
set -eu
cd "$(dirname "$0")/.."
exec sh scripts/with-service.sh sh -c '
  status=0
  (cd clients && node --test --test-concurrency=1 test/) || status=1
  .local/clients-venv/bin/python -m unittest discover -s clients/python -v || status=1
  go test -count=1 ./examples/genqlient/ || status=1
  exit $status'
