// Package neo4jtest connects tests to the real Neo4j that `make test` starts (failing, never
// skipping, when there is none) and loads their data; only tests import it.
package neo4jtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// Open connects to the Neo4j named by NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE, and closes the connection when the test ends.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Fatal("NEO4J_URI is not set: run the tests with `make test`, which starts a local Neo4j")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := neo4jstore.New(ctx, neo4jstore.Config{
		URI: uri, Username: orNeo4j("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: orNeo4j("NEO4J_DATABASE"),
	})
	if err != nil {
		t.Fatalf("connecting to Neo4j at %s: %v", uri, err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

// LoadKnowledgeGraph empties the database and loads the ASPnet knowledge graph from data/.
func LoadKnowledgeGraph(t testing.TB, s *neo4jstore.Store) *data.Dataset {
	t.Helper()
	d, err := data.Read(data.Files)
	if err != nil {
		t.Fatalf("reading the knowledge graph: %v", err)
	}
	Reset(t, s, d)
	return d
}

// LoadFixture empties the database and loads the dataset in dir (data files in the format
// of data/).
func LoadFixture(t testing.TB, s *neo4jstore.Store, dir string) *data.Dataset {
	t.Helper()
	d, err := data.Read(os.DirFS(dir))
	if err != nil {
		t.Fatalf("reading fixture %s: %v", dir, err)
	}
	Reset(t, s, d)
	return d
}

// Reset empties the database and loads d.
func Reset(t testing.TB, s *neo4jstore.Store, d *data.Dataset) {
	t.Helper()
	ctx := context.Background()
	if err := s.DeleteEverything(ctx); err != nil {
		t.Fatalf("emptying the database: %v", err)
	}
	if _, err := s.Load(ctx, d.Graph()); err != nil {
		t.Fatalf("loading: %v", err)
	}
}

// orNeo4j is the environment variable name, or "neo4j" (Neo4j's default user and database)
// when it is unset.
func orNeo4j(name string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return "neo4j"
}

// Count runs a read-only Cypher statement without parameters that returns one integer (a
// count) on the Neo4j Open connects to, for tests that check the graph from outside the store.
func Count(t testing.TB, cypher string) int {
	t.Helper()
	drv, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"),
		neo4j.BasicAuth(orNeo4j("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = drv.Close(context.Background()) }()
	res, err := neo4j.ExecuteQuery(context.Background(), drv, cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(orNeo4j("NEO4J_DATABASE")), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		t.Fatalf("%s: %d records, want one with one value", cypher, len(res.Records))
	}
	n, ok := res.Records[0].Values[0].(int64)
	if !ok {
		t.Fatalf("%s: %T, want an integer", cypher, res.Records[0].Values[0])
	}
	return int(n)
}
