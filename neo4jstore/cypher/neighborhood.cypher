// Query.neighborhood: the entities within $depth hops of a centre, in either direction,
// through entity nodes only (those with a label in $kinds), and every relationship between
// two of them. Nodes come nearest first, each distance by key; at most $limit are kept, so a
// cut drops the farthest. Slot: {{label}} (the centre's label).
// The hops are written out one by one (depth is at most 3), each expanding from the nodes the
// last one reached and keeping at most $limit + 1, so that the plan always starts from the
// centre's key index and the work stays bounded by the cap, whatever the graph's statistics.
// Parameters: $key (String), $depth (Int, 1..3), $limit (Int, at least 1), $kinds (list of
// String).
// Returns one row: nodes (the centre first; empty when there is no centre), truncated
// (Boolean), rels (the relationships between kept nodes, by start key, type, end key).
OPTIONAL MATCH (c:{{label}} {key: $key})
WITH c, COLLECT {
  MATCH (c)--(n)
  WHERE n <> c AND any(l IN labels(n) WHERE l IN $kinds)
  RETURN DISTINCT n ORDER BY n.key LIMIT $limit + 1
} AS d1
WITH c, d1, CASE WHEN $depth < 2 THEN [] ELSE COLLECT {
  UNWIND d1 AS x
  MATCH (x)--(n)
  WHERE n <> c AND NOT n IN d1 AND any(l IN labels(n) WHERE l IN $kinds)
  RETURN DISTINCT n ORDER BY n.key LIMIT $limit + 1
} END AS d2
WITH c, d1, d2, CASE WHEN $depth < 3 THEN [] ELSE COLLECT {
  UNWIND d2 AS x
  MATCH (x)--(n)
  WHERE n <> c AND NOT n IN d1 AND NOT n IN d2 AND any(l IN labels(n) WHERE l IN $kinds)
  RETURN DISTINCT n ORDER BY n.key LIMIT $limit + 1
} END AS d3
WITH CASE WHEN c IS NULL THEN [] ELSE [c] + d1 + d2 + d3 END AS reached
WITH reached[..$limit] AS nodes, size(reached) > $limit AS truncated
RETURN nodes, truncated,
  COLLECT {
    UNWIND nodes AS a
    MATCH (a)-[r]->(b)
    WHERE b IN nodes
    RETURN r
    ORDER BY a.key, type(r), b.key, r.key
  } AS rels
