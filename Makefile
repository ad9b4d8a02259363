# aspgraph: `make run` serves the API (starting a local Neo4j when NEO4J_URI is unset and
# loading the knowledge graph); `make test` runs every test against a real Neo4j.

GO        ?= go
BIN       := bin/aspgraph
LAUNCHER  := neo4j-launcher/target/neo4j-launcher.jar
GOLANGCI  := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0

.PHONY: run test build deps tools launcher generate check-generate check lint clean

## run: serve the API on :8080 (PORT), with its own Neo4j unless NEO4J_URI is set
run: build
	./$(BIN) serve

## test: static checks, then every test against a throw-away local Neo4j
test: build check
	./$(BIN) with-neo4j -- $(GO) test -p 1 -count=1 ./...

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

$(LAUNCHER): neo4j-launcher/pom.xml $(shell find neo4j-launcher/src -name '*.java')
	mvn -q -B -f neo4j-launcher/pom.xml package

generate:
	$(GO) generate ./...

## check-generate: `go generate ./...` must leave the generated code as it is
check-generate:
	@sum() { cat graph/generated.go graph/model/*.go | sha256sum; }; \
	before=$$(sum); $(GO) generate ./... && after=$$(sum); \
	if [ "$$before" != "$$after" ]; then echo "go generate ./... changed the generated code: commit what it writes"; exit 1; fi

## check: formatting, vet, generated code
check: check-generate
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...

lint:
	$(GO) run $(GOLANGCI) run ./...

clean:
	rm -rf bin neo4j-launcher/target
