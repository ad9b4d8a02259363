package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// BulkLoad writes a dataset too large for Load's one transaction, such as the synthetic
// benchmark data: after Migrate, it writes the nodes of each label, then the relationships of
// each type, in chunks of batch rows, each chunk in its own managed write transaction. It
// applies chunk by chunk, not whole; it is idempotent (every row is merged by key) but, unlike
// Load, removes nothing, so it is meant for an empty database or for the same dataset again.
// A batch below 1 means 5,000.
func (s *Store) BulkLoad(ctx context.Context, g aspnet.Graph, batch int) (st aspnet.LoadStats, err error) {
	defer wrap(&err, "neo4jstore.BulkLoad")
	if batch < 1 {
		batch = 5000
	}
	stmts, err := loadStatements(g, batch)
	if err != nil {
		return st, err
	}
	if err := s.Migrate(ctx); err != nil {
		return st, err
	}
	st.Nodes, st.Relationships = len(g.Nodes), len(g.Rels)
	for _, l := range stmts {
		// Only the attempt that commits counts: a retried transaction overwrites c.
		var c neo4j.Counters
		err := s.writeWithin(ctx, loadTimeout, func(tx neo4j.ManagedTransaction) error {
			var err error
			c, err = runWrite(ctx, tx, l.stmt, map[string]any{"rows": l.rows})
			return err
		})
		if err != nil {
			return st, fmt.Errorf("%s: %w", l.what, err)
		}
		st.NodesCreated += c.NodesCreated()
		st.RelationshipsCreated += c.RelationshipsCreated()
		st.PropertiesSet += c.PropertiesSet()
	}
	return st, nil
}
