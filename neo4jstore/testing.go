package neo4jstore

import (
	"context"
	"fmt"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DeleteEverything empties the database: every node and relationship. Tests use it to
// start from nothing; the service never calls it.
func (s *Store) DeleteEverything(ctx context.Context) error {
	aspnet.CountRoundTrip(ctx)
	// CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction.
	return s.autoCommit(ctx, "delete_everything")
}

// autoCommit runs the statement in cypher/NAME.cypher, without parameters, in an implicit
// (auto-commit) transaction of its own.
func (s *Store) autoCommit(ctx context.Context, name string) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	res, err := sess.Run(ctx, query(name), nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// PrepareForReplanning samples every index again, waits for the samples, and empties Neo4j's
// plan cache, so that statements planned after it see what the database holds. Tests of
// plans use it after loading their data; the service never calls it.
func (s *Store) PrepareForReplanning(ctx context.Context) error {
	return s.autoCommit(ctx, "prepare_for_replanning")
}

// Snapshot returns every node and relationship with its properties, in a stable order, as
// text, so that tests can compare the graph before and after an operation.
func (s *Store) Snapshot(ctx context.Context) (string, error) { return s.SnapshotOf(ctx, "") }

// SnapshotOf is Snapshot of what has the given origin ("dataset" for what the knowledge graph
// loaded); "" means everything.
func (s *Store) SnapshotOf(ctx context.Context, origin string) (string, error) {
	var o any
	if origin != "" {
		o = origin
	}
	recs, err := s.read(ctx, query("snapshot"), map[string]any{"origin": o})
	if err != nil {
		return "", err
	}
	nodes, _ := recs[0].Get("nodes")
	rels, _ := recs[0].Get("rels")
	return fmt.Sprintf("%v\n%v", nodes, rels), nil
}

// Plan runs a statement of cypher/ with PROFILE in a transaction that it rolls back, and
// returns the names of its plan's operators, so that tests can check that every statement
// compiles and seeks the indexes it should. (PROFILE, not EXPLAIN: the driver's EXPLAIN plan
// aliases the children of operators with two inputs, in v5.28.4.)
func (s *Store) Plan(ctx context.Context, name string, slots map[string]string, params map[string]any) ([]string, error) {
	stmt := query(name)
	if slots != nil {
		stmt = template(stmt, slots)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	res, err := tx.Run(ctx, "PROFILE "+stmt, params)
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, err
	}
	var ops []string
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) {
		ops = append(ops, p.Operator())
		for _, c := range p.Children() {
			walk(c)
		}
	}
	if p := sum.Profile(); p != nil {
		walk(p)
	}
	return ops, nil
}
