// Query.keyAreaStats: every key area with the schools that work in it and the events in it,
// counted in this one statement.
// Parameters: $sortBy ('NAME', 'SCHOOLS' or 'EVENTS'), $descending (Boolean): counts largest
// first, or names Z to A; ties in a count are by name, A to Z, then by key. $follow (Boolean):
// count also what the areas an area maps to (MAPS_TO, transitively) reach.
// Returns: keyArea (KeyArea), schools, events (Int), one row per key area, in order.
// Only schools work in a key area (WORKS_IN) and only events are in one (IN_KEY_AREA), each
// link made once, so an area counted alone is counted by its degrees, without reading a
// school or an event; only areas that reach others are counted school by school.
MATCH (n:KeyArea)
WITH n, COLLECT { MATCH (n)-[:MAPS_TO*0..]->(m:KeyArea) WHERE $follow OR m = n RETURN DISTINCT m } AS areas
WITH n,
  CASE WHEN size(areas) = 1 THEN COUNT { (n)<-[:WORKS_IN]-() }
    ELSE COUNT { MATCH (m:KeyArea)<-[:WORKS_IN]-(s:School) WHERE m IN areas RETURN DISTINCT s } END AS schools,
  CASE WHEN size(areas) = 1 THEN COUNT { (n)<-[:IN_KEY_AREA]-() }
    ELSE COUNT { MATCH (m:KeyArea)<-[:IN_KEY_AREA]-(e:Event) WHERE m IN areas RETURN DISTINCT e } END AS events
WITH n, schools, events,
  CASE $sortBy WHEN 'SCHOOLS' THEN schools WHEN 'EVENTS' THEN events END AS byCount
RETURN n AS keyArea, schools, events
ORDER BY
  CASE WHEN $descending THEN byCount END DESC,
  CASE WHEN NOT $descending THEN byCount END,
  CASE WHEN $descending AND $sortBy = 'NAME' THEN n.sortKey END DESC,
  n.sortKey, n.key
