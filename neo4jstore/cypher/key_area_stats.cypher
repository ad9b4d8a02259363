// Query.keyAreaStats: every key area with the schools that work in it and the events in it,
// counted in this one statement.
// Parameters: $sortBy ('NAME', 'SCHOOLS' or 'EVENTS'), $descending (Boolean): counts largest
// first, or names Z to A; ties in a count are by name, A to Z, then by key. $follow (Boolean):
// count also what the areas an area maps to (MAPS_TO, transitively) reach.
// Returns: keyArea (KeyArea), schools, events (Int), one row per key area, in order.
MATCH (n:KeyArea)
WITH n,
  COUNT { MATCH (n)-[:MAPS_TO*0..]->(m:KeyArea)<-[:WORKS_IN]-(s:School) WHERE $follow OR m = n RETURN DISTINCT s } AS schools,
  COUNT { MATCH (n)-[:MAPS_TO*0..]->(m:KeyArea)<-[:IN_KEY_AREA]-(e:Event) WHERE $follow OR m = n RETURN DISTINCT e } AS events
WITH n, schools, events,
  CASE $sortBy WHEN 'SCHOOLS' THEN schools WHEN 'EVENTS' THEN events END AS byCount
RETURN n AS keyArea, schools, events
ORDER BY
  CASE WHEN $descending THEN byCount END DESC,
  CASE WHEN NOT $descending THEN byCount END,
  CASE WHEN $descending AND $sortBy = 'NAME' THEN n.name END DESC,
  n.name, n.key
