// Changes a school's name and city, appends one citation per changed property ($props) and
// records who changed it and when. A new city replaces the old one, its IN_CITY relationship
// with the write's citation. The caller gives the school the identity of its new name and city
// (write_identity).
// Parameters: $key (String), $name (String or null), $sortKey (the new name's collation key,
// or null), $city (String or null), $props (list of
// String: "name", "city"), $cite (Map: origin, citeSources, citeQuotes, citeProperties,
// editedBy, editedAt; one citation each).
// Returns: s, the School, and city, the key of its city (null for none); no row when there is
// none with that key.
MATCH (s:School {key: $key})
CALL (s) {
  MATCH (s)-[old:IN_CITY]->(c:City)
  WHERE $city IS NOT NULL AND c.key <> $city
  DELETE old
}
CALL (s) {
  MATCH (c:City {key: $city})
  MERGE (s)-[r:IN_CITY]->(c)
    ON CREATE SET r = $cite, r.key = s.key + '|IN_CITY|' + c.key
}
WITH s, COLLECT { MATCH (s)-[:IN_CITY]->(c:City) RETURN c.key ORDER BY c.key LIMIT 1 } AS cities
SET s.name = coalesce($name, s.name),
    s.sortKey = coalesce($sortKey, s.sortKey),
    s.citeSources = coalesce(s.citeSources, []) + [p IN $props | $cite.citeSources[0]],
    s.citeQuotes = coalesce(s.citeQuotes, []) + [p IN $props | $cite.citeQuotes[0]],
    s.citeProperties = coalesce(s.citeProperties, []) + $props,
    s.editedBy = $cite.editedBy,
    s.editedAt = $cite.editedAt
RETURN s, cities[0] AS city
