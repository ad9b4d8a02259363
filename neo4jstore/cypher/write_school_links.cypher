// Links a new school to its city, its network and its key areas, each relationship with the
// write's citation.
// Parameters: $key (String, the School's), $city (String or null), $network (String or null),
// $membership (Map: status, founding, and since, sinceFrom, sinceTo when known),
// $keyAreas (list of String), $cite (Map: origin, citeSources, citeQuotes, citeProperties,
// editedBy, editedAt).
// Returns: nothing.
MATCH (s:School {key: $key})
CALL (s) {
  MATCH (c:City {key: $city})
  CREATE (s)-[r:IN_CITY]->(c)
  SET r = $cite, r.key = s.key + '|IN_CITY|' + c.key
}
CALL (s) {
  MATCH (n:Network {key: $network})
  CREATE (s)-[r:MEMBER_OF]->(n)
  SET r = $cite, r += $membership, r.key = s.key + '|MEMBER_OF|' + n.key
}
CALL (s) {
  UNWIND range(0, size($keyAreas) - 1) AS i
  MATCH (k:KeyArea {key: $keyAreas[i]})
  CREATE (s)-[r:WORKS_IN]->(k)
  SET r = $cite, r.key = s.key + '|WORKS_IN|' + k.key, r.order = i + 1
}
