package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aspgraph/aspgraph/localneo4j"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// The helpers of the tests that run the service in this process: free ports, `aspgraph
// serve` in the background, and the API as serve wires it.

// requireNeo4j fails the test when no test Neo4j is configured.
func requireNeo4j(t *testing.T) {
	t.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		t.Fatal("NEO4J_URI is not set: run the tests with `make test`, which starts a local Neo4j")
	}
}

// freePort is a free TCP port on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	port, err := localneo4j.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// freeLoopback is a free host:port on 127.0.0.1.
func freeLoopback(t *testing.T) string {
	t.Helper()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort(t)))
}

// serveInBackground runs `aspgraph serve`, configured by the environment, until ctx ends,
// logging to log; its exit code arrives on the channel.
func serveInBackground(ctx context.Context, log *slog.Logger) <-chan int {
	done := make(chan int, 1)
	go func() { done <- run(ctx, log, []string{"serve"}) }()
	return done
}

// wiredAPI is the API's handler as serve wires it with cfg, over the test Neo4j, ready from
// the start, with the registry of its metrics.
func wiredAPI(t *testing.T, cfg config) (http.Handler, *prometheus.Registry) {
	t.Helper()
	store, err := neo4jstore.New(t.Context(), neo4jstore.Config{URI: cfg.Neo4jURI, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword, Database: cfg.Neo4jDatabase})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	var ready atomic.Bool
	ready.Store(true)
	return apiHandler(cfg, slog.New(slog.DiscardHandler), store, &ready, nil)
}
