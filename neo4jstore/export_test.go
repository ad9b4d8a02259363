package neo4jstore

import "context"

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
