package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// loadRows are the rows load_nodes takes for nodes of one label: each node's key and
// properties, and its identity (aspnet.PropIdentity) apart, since a load gives it only when
// no other node of the label holds it.
func loadRows(nodes []aspnet.GraphNode) ([]map[string]any, error) {
	rows := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		props, err := driverProps(n.Props, n.Key)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n.GraphRef, err)
		}
		identity := props[aspnet.PropIdentity]
		delete(props, aspnet.PropIdentity)
		_, fill := identityDated[aspnet.Kind(n.Label)]
		rows[i] = map[string]any{"key": n.Key, "props": props, "identity": identity, "fillIdentity": fill}
	}
	return rows, nil
}

// relRows are the rows load_rels takes for relationships of one type between two labels.
func relRows(rels []aspnet.GraphRel) ([]map[string]any, error) {
	rows := make([]map[string]any, len(rels))
	for i, r := range rels {
		props, err := driverProps(r.Props, r.Key)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Type, r.Key, err)
		}
		rows[i] = map[string]any{"key": r.Key, "from": r.From.Key, "to": r.To.Key, "props": props}
	}
	return rows, nil
}

// relGroup is what the relationships written by one statement share: their type and the
// labels of their ends.
func relGroup(r aspnet.GraphRel) string { return r.From.Label + " " + r.Type + " " + r.To.Label }

// loadTimeout bounds the load's one transaction: far longer than a request's, since it
// writes the whole dataset, and a busy machine must not make it fail.
const loadTimeout = 5 * time.Minute

// Load writes the bulk graph of data/ (data.Dataset.Graph) in one transaction, creating
// constraints and indexes first. It is idempotent: loading the same graph again changes
// nothing. What an earlier load wrote (aspnet.OriginDataset) that g no longer holds is removed;
// what the API and the imports wrote stays. A node or relationship is rewritten only when its
// fingerprint (aspnet.PropLoadHash) differs from the one it holds, so that changes made through
// the API to loaded entries survive a reload of the same data. A node's identity
// (aspnet.PropIdentity) is given to it unless another node of its label holds it, so that
// creating a loaded entity again finds it; an event, organisation or key area that has none
// gets it even when it is not rewritten.
func (s *Store) Load(ctx context.Context, g aspnet.Graph) (st aspnet.LoadStats, err error) {
	defer wrap(&err, "neo4jstore.Load")
	stmts, err := loadStatements(g, 0)
	if err != nil {
		return st, err
	}
	if err := s.Migrate(ctx); err != nil {
		return st, err
	}
	nodeKeys := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		nodeKeys[i] = n.Key
	}
	relKeys := make([]string, len(g.Rels))
	for i, r := range g.Rels {
		relKeys[i] = r.Key
	}
	err = s.writeWithin(ctx, loadTimeout, func(tx neo4j.ManagedTransaction) error {
		st = aspnet.LoadStats{Nodes: len(g.Nodes), Relationships: len(g.Rels)}
		for _, l := range stmts {
			c, err := runWrite(ctx, tx, l.stmt, map[string]any{"rows": l.rows})
			if err != nil {
				return fmt.Errorf("%s: %w", l.what, err)
			}
			addCounters(&st, c)
		}
		c, err := runWrite(ctx, tx, query("load_prune"), map[string]any{"nodeKeys": nodeKeys, "relKeys": relKeys})
		if err != nil {
			return fmt.Errorf("prune: %w", err)
		}
		addCounters(&st, c)
		return nil
	})
	return st, err
}

// loadStatement is one statement of a load and its rows.
type loadStatement struct {
	what, stmt string
	rows       []map[string]any
}

// loadStatements are the statements that write g: the nodes of each label, then the
// relationships of each type between two labels, at most batch rows a statement (any number
// when batch is 0).
func loadStatements(g aspnet.Graph, batch int) ([]loadStatement, error) {
	var out []loadStatement
	chunks := func(n int) [][2]int {
		size := batch
		if size < 1 {
			size = max(n, 1)
		}
		var c [][2]int
		for i := 0; i < n; i += size {
			c = append(c, [2]int{i, min(i+size, n)})
		}
		return c
	}
	for _, group := range groupBy(g.Nodes, func(n aspnet.GraphNode) string { return n.Label }) {
		label := group[0].Label
		stmt := template(query("load_nodes"), map[string]string{"label": label})
		for _, c := range chunks(len(group)) {
			rows, err := loadRows(group[c[0]:c[1]])
			if err != nil {
				return nil, err
			}
			out = append(out, loadStatement{"nodes " + label, stmt, rows})
		}
	}
	for _, group := range groupBy(g.Rels, relGroup) {
		b := group[0]
		stmt := template(query("load_rels"), map[string]string{"from": b.From.Label, "type": b.Type, "to": b.To.Label})
		for _, c := range chunks(len(group)) {
			rows, err := relRows(group[c[0]:c[1]])
			if err != nil {
				return nil, err
			}
			out = append(out, loadStatement{fmt.Sprintf("relationships (:%s)-[:%s]->(:%s)", b.From.Label, b.Type, b.To.Label), stmt, rows})
		}
	}
	return out, nil
}

// addCounters adds what a statement changed to st.
func addCounters(st *aspnet.LoadStats, c neo4j.Counters) {
	st.NodesCreated += c.NodesCreated()
	st.NodesDeleted += c.NodesDeleted()
	st.RelationshipsCreated += c.RelationshipsCreated()
	st.RelsDeleted += c.RelationshipsDeleted()
	st.PropertiesSet += c.PropertiesSet()
}

// groupBy splits rows into groups of equal key, in key order, keeping each group's order, so
// that each group can be written with one statement.
func groupBy[T any](rows []T, key func(T) string) [][]T {
	by := map[string][]T{}
	for _, r := range rows {
		by[key(r)] = append(by[key(r)], r)
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]T, 0, len(keys))
	for _, k := range keys {
		out = append(out, by[k])
	}
	return out
}

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
