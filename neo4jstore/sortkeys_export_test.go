package neo4jstore

import "context"

// ForgetSortKeys removes the sort keys of every node of label or, with stale, replaces them
// with keys of other rules, as a graph written before keys were (or before the rules
// changed) would hold: for the external tests of the migration.
func (s *Store) ForgetSortKeys(ctx context.Context, label string, stale bool) error {
	stmt := "MATCH (n:{{label}}) REMOVE n.sortKey"
	if stale {
		stmt = "MATCH (n:{{label}}) SET n.sortKey = 'k0:' + n.key"
	}
	return s.writeOne(ctx, template(stmt, map[string]string{"label": label}), nil)
}
