package neo4jstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// recorder is an Observer that keeps what it is told.
type recorder struct {
	mu         sync.Mutex
	statements []string // name=outcome, in the order they ended
	started    map[string]int
	open       map[bool]int
	txs        map[bool]int
}

func newRecorder() *recorder {
	return &recorder{started: map[string]int{}, open: map[bool]int{}, txs: map[bool]int{}}
}

func (r *recorder) Statement(ctx context.Context, name string) (context.Context, func(error)) {
	r.mu.Lock()
	r.started[name]++
	r.mu.Unlock()
	return ctx, func(err error) {
		r.mu.Lock()
		r.statements = append(r.statements, name+"="+neo4jstore.Outcome(err))
		r.mu.Unlock()
	}
}

func (r *recorder) Transaction(_ context.Context, write bool) func() {
	r.mu.Lock()
	r.open[write]++
	r.txs[write]++
	r.mu.Unlock()
	return func() {
		r.mu.Lock()
		r.open[write]--
		r.mu.Unlock()
	}
}

func TestStatementName(t *testing.T) {
	for _, name := range neo4jstore.Queries() {
		if got := neo4jstore.StatementName(neo4jstore.Filled(name)); got != name {
			t.Errorf("StatementName(%s) = %q", name, got)
		}
	}
	for stmt, want := range map[string]string{
		"CALL db.awaitIndexes(300)":                 "migrate",
		"MATCH (n) RETURN n":                        "other",
		neo4jstore.Filled("schools") + " ":          "other",
		neo4jstore.Filled("nodes_by_key") + " // x": "other",
		strings.Replace(neo4jstore.Filled("nodes_by_key"), "School", "school) DETACH DELETE (x", 1): "other",
	} {
		if got := neo4jstore.StatementName(stmt); got != want {
			t.Errorf("StatementName(%.60q…) = %q, want %q", stmt, got, want)
		}
	}
}

// TestObserverSeesStatements runs reads, a write transaction of several statements and a
// statement against an unreachable server through an observing store, and checks what the
// observer was told: each statement by name with its outcome, once, and every transaction
// closed.
func TestObserverSeesStatements(t *testing.T) {
	base := neo4jtest.Open(t)
	ctx := context.Background()
	rec := newRecorder()
	s := base.WithObserver(rec)
	neo4jtest.LoadFixture(t, base, fixture)

	if _, err := s.All(ctx, aspnet.KindNetwork); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NodesByKey(ctx, aspnet.KindSchool, []string{"school-a"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	got := strings.Join(rec.statements, " ")
	if !strings.HasPrefix(got, "all_networks=ok nodes_by_key=ok migrate=ok") || strings.Contains(got, "other") || strings.Contains(got, "error") {
		t.Errorf("statements observed: %s", got)
	}
	n := 0
	for _, c := range rec.started {
		n += c
	}
	if n != len(rec.statements) {
		t.Errorf("%d statements started, %d ended", n, len(rec.statements))
	}
	if rec.txs[false] != 2 || rec.txs[true] < 2 || rec.open[false] != 0 || rec.open[true] != 0 {
		t.Errorf("transactions: %v started, %v open", rec.txs, rec.open)
	}
	rec.mu.Unlock()

	// Nothing listens on port 1: the statement is unavailable, and observed as such.
	down, err := neo4jstore.Open(neo4jstore.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = down.Close(ctx) }()
	rec2 := newRecorder()
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := down.WithObserver(rec2).All(dctx, aspnet.KindNetwork); err == nil {
		t.Fatal("a read from nowhere succeeded")
	}
	if got := strings.Join(rec2.statements, " "); got != "all_networks=unavailable" || rec2.open[false] != 0 {
		t.Errorf("observed %q with %v open", got, rec2.open)
	}
}
