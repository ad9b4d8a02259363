// The schools import rows name by name and city: the school with that identity
// (aspnet.SchoolIdentity), as the API's createSchool finds it, or else a new one with key
// newKey, the row's citation, and its IN_CITY link.
// Parameters: $rows (list of {i: Int, identity: String, name: String, sortKey: String (its
// collation key), city: String or null, newKey: String, source: String, quote: String}),
// $meta (Map: origin, editedBy, editedAt).
// Returns: i, key (the School's), created (Boolean), one row per row.
UNWIND $rows AS row
MERGE (s:School {identity: row.identity})
  ON CREATE SET s += $meta, s.key = row.newKey, s.name = row.name, s.sortKey = row.sortKey,
    s.citeSources = [row.source], s.citeQuotes = [row.quote], s.citeProperties = ['']
WITH row, s
CALL (row, s) {
  MATCH (c:City {key: row.city})
  MERGE (s)-[r:IN_CITY]->(c)
    ON CREATE SET r += $meta, r.key = s.key + '|IN_CITY|' + c.key,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
RETURN row.i AS i, s.key AS key, s.key = row.newKey AS created
