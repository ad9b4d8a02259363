package neo4jstore

import (
	"context"
)

// CypherIdentityNames returns toLower(trim(name)) of each name as Neo4j computes it, for the
// external tests that aspnet.IdentityName makes identities as Neo4j made them.
func (s *Store) CypherIdentityNames(ctx context.Context, names []string) ([]string, error) {
	recs, err := s.read(ctx, "UNWIND $names AS name RETURN toLower(trim(name)) AS id", map[string]any{"names": names})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		v, _ := r.Get("id")
		out[i], _ = v.(string)
	}
	return out, nil
}

// CypherIdentities returns, by node key, the identity each school, event, organisation and
// key area holds and the one the Cypher formula that made identities before aspnet did makes
// of its name, date and city, for the external test that the two agree.
func (s *Store) CypherIdentities(ctx context.Context) (held, cypher map[string]string, err error) {
	recs, err := s.read(ctx, `
		MATCH (n) WHERE n:School OR n:Event OR n:Organization OR n:KeyArea
		RETURN n.key AS key, n.identity AS held, CASE
		  WHEN n:School THEN toLower(trim(n.name)) + '|' + coalesce(COLLECT { MATCH (n)-[:IN_CITY]->(c:City) RETURN c.key ORDER BY c.key LIMIT 1 }[0], '')
		  WHEN n:Event THEN toLower(trim(n.name)) + '|' + n.date
		  ELSE toLower(trim(n.name)) END AS cypher`, nil)
	if err != nil {
		return nil, nil, err
	}
	held, cypher = map[string]string{}, map[string]string{}
	for _, r := range recs {
		m := r.AsMap()
		k, _ := m["key"].(string)
		held[k], _ = m["held"].(string)
		cypher[k], _ = m["cypher"].(string)
	}
	return held, cypher, nil
}

// Filled returns the statement cypher/NAME.cypher as the store runs it, with each label or
// relationship-type slot filled with "School", for the external tests.
func Filled(name string) string {
	stmt := query(name)
	slots := map[string]string{}
	for _, s := range slot.FindAllString(stmt, -1) {
		slots[s[2:len(s)-2]] = "School"
	}
	return template(stmt, slots)
}

// SearchLucene runs the search statement with q as the Lucene query as it is, past the
// store's own checks and escaping, for the external tests of how Neo4j's refusals are mapped.
func (s *Store) SearchLucene(ctx context.Context, q string) error {
	_, err := s.read(ctx, query("search"), map[string]any{"query": q, "limit": 1})
	return err
}

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
