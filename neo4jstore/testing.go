package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DeleteEverything empties the database: every node and relationship. Tests use it to
// start from nothing; the service never calls it.
func (s *Store) DeleteEverything(ctx context.Context) error {
	// CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction.
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	countRoundTrip(ctx)
	res, err := sess.Run(ctx, query("delete_everything"), nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Snapshot returns every node and relationship with its properties, in a stable order, as
// text, so that tests can compare the graph before and after an operation.
func (s *Store) Snapshot(ctx context.Context) (string, error) {
	recs, err := s.read(ctx, query("snapshot"), nil)
	if err != nil {
		return "", err
	}
	nodes, _ := recs[0].Get("nodes")
	rels, _ := recs[0].Get("rels")
	return fmt.Sprintf("%v\n%v", nodes, rels), nil
}

// Explain runs EXPLAIN on a statement of cypher/ with the given parameters and returns the
// names of the operators of its plan, so that tests can check every statement compiles and
// uses the indexes it should.
func (s *Store) Explain(ctx context.Context, name string, slots map[string]string, params map[string]any) ([]string, error) {
	stmt := query(name)
	if slots != nil {
		stmt = template(stmt, slots)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+stmt, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	var ops []string
	var walk func(p neo4j.Plan)
	walk = func(p neo4j.Plan) {
		if p == nil {
			return
		}
		ops = append(ops, p.Operator())
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Plan())
	return ops, nil
}
