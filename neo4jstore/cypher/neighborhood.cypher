// Query.neighborhood: the entities within $depth hops of a centre, in either direction,
// through entity nodes only (those with a label in $kinds), and every relationship between
// two of them. Nodes come nearest first, each distance by key; at most $limit are kept, so a
// cut drops the farthest. Slot: {{label}} (the centre's label).
// Parameters: $key (String), $depth (Int, 1..3: the pattern's bound of 3 is literal, as
// Cypher requires, and $depth cuts below it), $limit (Int, at least 1), $kinds (list of String).
// Returns one row: nodes (the centre first; none when there is no centre), truncated
// (Boolean), rels (the relationships between kept nodes, by start key, type, end key).
MATCH (c:{{label}} {key: $key})
MATCH p = ANY SHORTEST (c)(()--(x WHERE any(l IN labels(x) WHERE l IN $kinds))){0,3}(n)
WHERE length(p) <= $depth
WITH n, length(p) AS hops
ORDER BY hops, n.key, labels(n)
LIMIT $limit + 1
WITH collect(n) AS reached
WITH reached[..$limit] AS nodes, size(reached) > $limit AS truncated
RETURN nodes, truncated,
  COLLECT {
    UNWIND nodes AS a
    MATCH (a)-[r]->(b)
    WHERE b IN nodes
    RETURN r
    ORDER BY a.key, type(r), b.key, r.key
  } AS rels
