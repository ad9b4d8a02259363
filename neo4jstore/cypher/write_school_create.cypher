// Creates a school unless one with the same identity exists (aspnet.SchoolIdentity: of its name
// and its city's key), unique by the constraint school_identity, so that concurrent creates of
// one school make one node. An existing school is left as it is. A new
// school is linked to its city, its network and its key areas, each relationship with the
// write's citation.
// Parameters: $newKey (String, the key of a new school), $identity (String), $name (String),
// $sortKey (String, the name's collation key), $city (String or null),
// $network (String or null), $membership (Map: status, founding, and since, sinceFrom, sinceTo
// when known), $keyAreas (list of String), $cite (Map: origin, citeSources, citeQuotes,
// citeProperties, editedBy, editedAt).
// Returns: s (the School), created (Boolean).
MERGE (s:School {identity: $identity})
  ON CREATE SET s = $cite, s.key = $newKey, s.name = $name, s.sortKey = $sortKey, s.identity = $identity
WITH s, s.key = $newKey AS created
CALL (s, created) {
  WITH s WHERE created
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
}
RETURN s, created
