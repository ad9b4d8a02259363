# aspgraph: `make run` serves the API (starting a local Neo4j when NEO4J_URI is unset and
# loading the knowledge graph); `make test` runs every test against a real Neo4j.

GO        ?= go
BIN       := bin/aspgraph
LAUNCHER  := localneo4j/launcher/target/neo4j-launcher.jar
GOLANGCI  := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0

.PHONY: run test build build-service deps tools launcher generate check-generate check lint clean

## run: serve the API on :8080 (PORT), with its own Neo4j unless NEO4J_URI is set (then neither
## Java nor the Neo4j launcher is needed)
run: $(if $(NEO4J_URI),build-service,build)
	./$(BIN) serve

build-service:
	$(GO) build -o $(BIN) .

## test: static checks, every Go test against a throw-away local Neo4j, then the browser and
## client tests
test: build check
	./$(BIN) with-neo4j -- $(GO) test -p 1 -count=1 -timeout 30m ./...
	$(MAKE) --no-print-directory browser-test
	$(MAKE) --no-print-directory graphql-http-audit
	$(MAKE) --no-print-directory client-test

build: deps launcher
	$(GO) build -o $(BIN) .

## deps: what a fresh machine lacks: Java 17 and Maven from Debian, Go modules
deps: tools
	$(GO) mod download

tools:
	@command -v java >/dev/null && command -v mvn >/dev/null || { \
	  echo "installing Java 17 and Maven from Debian"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven; }

## launcher: the Neo4j launcher and Neo4j itself, from Maven Central (cached in ~/.m2)
launcher: $(LAUNCHER)

$(LAUNCHER): localneo4j/launcher/pom.xml $(shell find localneo4j/launcher/src -name '*.java')
	mvn -q -B -f localneo4j/launcher/pom.xml package

generate:
	$(GO) generate ./...

## check-generate: `go generate ./...` must leave the tree as it is: the generated code and the
## resolvers gqlgen rewrites (graph/*.resolvers.go) equal what the index holds, and no file it
## writes under graph/ unknown to git (stage your changes first)
check-generate:
	$(GO) generate ./...
	@git diff --exit-code --stat || { echo "go generate ./... changed the files above: commit what it writes"; exit 1; }
	@new=$$(git status --porcelain --untracked-files=all -- graph | grep '^??'); \
	if [ -n "$$new" ]; then echo "$$new"; echo "go generate ./... wrote files git does not track: commit them"; exit 1; fi

## check: formatting, vet, golangci-lint, generated code
check: check-generate lint
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...

lint:
	$(GO) run $(GOLANGCI) run ./...

clean:
	rm -rf bin localneo4j/launcher/target

## bench: aspgraph against @neo4j/graphql 7 on synthetic ASPnet-scale data, in a throw-away
## Neo4j; prints the table and writes cmd/bench/RESULTS.md, with cmd/bench/NOTES.md and the top
## of a CPU profile of aspgraph per query (profiles in .local/bench-profiles). BENCH_FLAGS: e.g.
## -runs 5 -duration 10s, -only schools-100,nested-3-levels
BENCH_FLAGS ?= -profile-dir .local/bench-profiles -notes cmd/bench/NOTES.md
BENCH_HEAP_MB ?= 2048
.PHONY: bench bench-peer

bench: build bench-peer
	$(GO) build -o bin/bench ./cmd/bench
	LOCAL_NEO4J_HEAP_MB=$(BENCH_HEAP_MB) ./$(BIN) with-neo4j -- ./bin/bench $(BENCH_FLAGS)

## bench-peer: the peer's npm packages, exactly as package-lock.json pins them (Node 20)
bench-peer: cmd/bench/peer/node_modules/.package-lock.json

cmd/bench/peer/node_modules/.package-lock.json: cmd/bench/peer/package.json cmd/bench/peer/package-lock.json
	cd cmd/bench/peer && npm ci --no-audit --no-fund

## playground-assets: refetch GraphiQL, React and ReactDOM for the playground (web/playground/vendor/)
## from npm at their pinned versions and integrity hashes; the result is committed
.PHONY: playground-assets explore-assets chromium browser-test

playground-assets:
	sh web/playground-assets.sh

## explore-assets: rebuild the explorer's bundle (web/explore/: explore.js, explore.css, index.html,
## VERSIONS, THIRD-PARTY-LICENSES) from web/explore-src/ with the npm packages its
## package-lock.json pins (cytoscape, cytoscape-fcose, Chart.js, esbuild); the result is
## committed, so neither the build nor the tests need npm for it
explore-assets:
	cd web/explore-src && npm ci --no-audit --no-fund && node build.mjs

## chromium: Debian's chromium, for the browser test (needs root when it is missing)
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "installing chromium from Debian"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## browser-test: the playground and the explorer in headless chromium driven by playwright-core
## (with axe-core for WCAG checks), against bin/aspgraph serving a throw-away Neo4j; screenshots
## go to web/browsertest/artifacts/ (playground.png, explore.png, explore-phone.png)
browser-test: build chromium
	cd web/browsertest && npm ci --no-audit --no-fund
	./$(BIN) with-neo4j -- sh web/browsertest/run.sh

## client-deps: the client tests' packages, exactly as pinned: npm's (clients/package-lock.json)
## and PyPI's (clients/python/requirements.txt, into a venv in .local/clients-venv)
.PHONY: client-deps client-test
CLIENTS_VENV := .local/clients-venv

client-deps: clients/node_modules/.package-lock.json $(CLIENTS_VENV)/.installed

clients/node_modules/.package-lock.json: clients/package.json clients/package-lock.json
	cd clients && npm ci --no-audit --no-fund

$(CLIENTS_VENV)/.installed: clients/python/requirements.txt
	@python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || { \
	  echo "installing python3-venv from Debian"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	python3 -m venv $(CLIENTS_VENV)
	$(CLIENTS_VENV)/bin/pip install -q --no-deps -r clients/python/requirements.txt
	touch $@

## client-test: real GraphQL clients against bin/aspgraph serving a throw-away Neo4j (see
## docs/clients.md): Apollo Client with possibleTypes from graphql-codegen and
## relayStylePagination, urql and graphql-request on the explorer's operations, Relay's
## compiler and store on a paginated fragment, Python's gql
## with fetch_schema_from_transport, and the genqlient example
client-test: build client-deps
	./$(BIN) with-neo4j -- sh clients/run.sh

## token: print a development bearer token (subject dev, role editor, valid 24h) signed with
## JWT_SECRET, which must be set here as for the server
.PHONY: token
token:
	@$(GO) run . token --sub dev

## load: a 5-minute mixed read and write load (vegeta, loopback only) on bin/aspgraph over its
## own throw-away Neo4j; fails on any failed request or growing memory. LOAD_FLAGS: e.g. -rate 20
## fault: the same load with Neo4j's JVM killed (SIGKILL) 100 s in and started again; fails
## unless the service survives, answers SERVICE_UNAVAILABLE meanwhile, recovers within 5 s of
## Neo4j's return and loses no acknowledged write. Neither is part of `make test`.
LOAD_FLAGS ?=
.PHONY: load fault loadtest abuse

loadtest:
	$(GO) build -o bin/load ./cmd/load

load: build loadtest
	./bin/load -duration 5m $(LOAD_FLAGS)

fault: build loadtest
	./bin/load -duration 5m -kill-at 100s $(LOAD_FLAGS)

## abuse: every attack of the abuse suite (cmd/abuse: start-up window, slow readers, stalled bodies,
## fragment bomb, field copies, aliases, directives, batching, deep introspection, huge variables,
## invalid UTF-8, long searches, unique operation names, one client's heavy requests) on bin/aspgraph
## over its own throw-away Neo4j, loopback only, about 4 minutes; prints the table and writes
## docs/abuse.md; fails when an attack fails. ABUSE_FLAGS: e.g. -only fragment-bomb,batching
ABUSE_FLAGS ?=
abuse: build
	$(GO) build -o bin/abuse ./cmd/abuse
	./bin/abuse -strict $(ABUSE_FLAGS)

## bench-import: import 100,000 synthetic membership rows (batches of 1,000) into the knowledge
## graph in a throw-away Neo4j and report rows/s; fails when the import takes over a minute
.PHONY: bench-import
BENCH_IMPORT_HEAP_MB ?= 2048
bench-import: build
	LOCAL_NEO4J_HEAP_MB=$(BENCH_IMPORT_HEAP_MB) ./$(BIN) with-neo4j -- \
	  $(GO) test -run '^$$' -bench BenchmarkImportMemberships -benchtime 1x -count 1 ./transfer/

## graphql-http-audit: the GraphQL-over-HTTP audit suite of the npm package graphql-http
## (serverAudits) and the introspection queries of real clients (graph/testdata/introspection),
## against bin/aspgraph serving a throw-away Neo4j (clients/graphql-http/audit.mjs)
## introspection-queries: write graph/testdata/introspection again from the client libraries
## (graphql-js, @graphql-tools/url-loader from npm; Python gql from PyPI), at pinned versions
.PHONY: graphql-http-audit introspection-queries
graphql-http-audit: build
	cd clients/graphql-http && npm ci --no-audit --no-fund
	./$(BIN) with-neo4j -- node clients/graphql-http/audit.mjs

introspection-queries:
	cd clients/graphql-http && npm ci --no-audit --no-fund && node introspection-queries.mjs
	cd clients/graphql-http && python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt && .venv/bin/python introspection-queries.py
