package telemetry_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// knowledgeGraph connects to the test Neo4j and loads the knowledge graph.
func knowledgeGraph(t testing.TB) *neo4jstore.Store {
	t.Helper()
	s := neo4jtest.Open(t)
	neo4jtest.LoadKnowledgeGraph(t, s)
	return s
}

// discard is a logger that writes nothing.
func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
