// Every node and relationship with its labels or type and properties, in a stable order, to
// compare the graph before and after an operation. For tests only.
// Parameters: $origin (String or null: only what has that origin, such as 'dataset').
// Returns: nodes (list of maps), rels (list of maps).
RETURN
  COLLECT {
    MATCH (n) WHERE $origin IS NULL OR n.origin = $origin
    RETURN {labels: labels(n), props: properties(n)} ORDER BY n.key
  } AS nodes,
  COLLECT {
    MATCH (a)-[r]->(b) WHERE $origin IS NULL OR r.origin = $origin
    RETURN {from: a.key, type: type(r), to: b.key, props: properties(r)} ORDER BY r.key, a.key, type(r), b.key
  } AS rels
