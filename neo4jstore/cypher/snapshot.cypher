// Every node and relationship with its labels or type and properties, in a stable order, to
// compare the graph before and after an operation. For tests only.
// Parameters: none. Returns: nodes (list of maps), rels (list of maps).
RETURN
  COLLECT { MATCH (n) RETURN {labels: labels(n), props: properties(n)} ORDER BY n.key } AS nodes,
  COLLECT { MATCH (a)-[r]->(b) RETURN {from: a.key, type: type(r), to: b.key, props: properties(r)} ORDER BY r.key, a.key, type(r), b.key } AS rels
