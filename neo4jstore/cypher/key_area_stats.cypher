// Query.keyAreaStats: every key area with the schools that work in it and the events in it,
// counted in this one statement, following only links of the bases asked for.
// Parameters: $sortBy ('NAME', 'SCHOOLS' or 'EVENTS'), $descending (Boolean): counts largest
// first, or names Z to A; ties in a count are by name, A to Z, then by key. $follow (Boolean):
// count also what the areas an area maps to (MAPS_TO, transitively) reach. $bases (list of
// String): the bases (STATED, DERIVED, EDITORIAL) of the WORKS_IN, IN_KEY_AREA and MAPS_TO
// links to count and follow; a relationship without a basis is STATED.
// Returns: keyArea (KeyArea), schools, events (Int), links (a list of {basis, links}: how many
// WORKS_IN and IN_KEY_AREA links were counted and MAPS_TO links followed, by basis), one row
// per key area, in order.
MATCH (n:KeyArea)
WITH n, COLLECT {
    MATCH p = (n)-[:MAPS_TO*0..]->(m:KeyArea)
    WHERE ($follow OR m = n) AND all(r IN relationships(p) WHERE coalesce(r.basis, 'STATED') IN $bases)
    RETURN DISTINCT m
  } AS areas,
  COLLECT {
    MATCH p = (n)-[:MAPS_TO*1..]->(:KeyArea)
    WHERE $follow AND all(r IN relationships(p) WHERE coalesce(r.basis, 'STATED') IN $bases)
    UNWIND relationships(p) AS r
    RETURN DISTINCT r
  } AS mappings
WITH n, areas, mappings,
  COUNT { MATCH (m:KeyArea)<-[w:WORKS_IN]-(s:School) WHERE m IN areas AND coalesce(w.basis, 'STATED') IN $bases RETURN DISTINCT s } AS schools,
  COUNT { MATCH (m:KeyArea)<-[k:IN_KEY_AREA]-(e:Event) WHERE m IN areas AND coalesce(k.basis, 'STATED') IN $bases RETURN DISTINCT e } AS events,
  COLLECT {
    MATCH (m:KeyArea)<-[w:WORKS_IN|IN_KEY_AREA]-()
    WHERE m IN areas AND coalesce(w.basis, 'STATED') IN $bases
    RETURN coalesce(w.basis, 'STATED') AS basis
  } + [r IN mappings | coalesce(r.basis, 'STATED')] AS bases
WITH n, schools, events, [b IN $bases | {basis: b, links: size([x IN bases WHERE x = b])}] AS links,
  CASE $sortBy WHEN 'SCHOOLS' THEN schools WHEN 'EVENTS' THEN events END AS byCount
RETURN n AS keyArea, schools, events, links
ORDER BY
  CASE WHEN $descending THEN byCount END DESC,
  CASE WHEN NOT $descending THEN byCount END,
  CASE WHEN $descending AND $sortBy = 'NAME' THEN n.sortKey END DESC,
  n.sortKey, n.key
