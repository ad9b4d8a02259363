// The cities an import names, each in its country (found or made by import_countries), found
// or made as the API does: a city of that country with that name (case-insensitively, the
// first by key) or else the one with key newKey, made with the row's citation and linked
// (City)-[:IN_COUNTRY]->(Country).
// Parameters: $rows (list of {i: Int, name: String, sortKey: String (its collation key), country: String (the Country's key),
// newKey: String, source: String, quote: String}), $meta (Map: origin, editedBy, editedAt).
// Returns: i, key (the City's), one row per row.
UNWIND $rows AS row
MATCH (k:Country {key: row.country})
CALL (row, k) {
  OPTIONAL MATCH (known:City)-[:IN_COUNTRY]->(k) WHERE toLower(known.name) = toLower(row.name)
  WITH known ORDER BY known.key LIMIT 1
  RETURN known.key AS knownKey
}
MERGE (c:City {key: coalesce(knownKey, row.newKey)})
  ON CREATE SET c += $meta, c.name = row.name, c.sortKey = row.sortKey,
    c.citeSources = [row.source], c.citeQuotes = [row.quote], c.citeProperties = ['']
MERGE (c)-[r:IN_COUNTRY]->(k)
  ON CREATE SET r += $meta, r.key = c.key + '|IN_COUNTRY|' + k.key,
    r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
RETURN row.i AS i, c.key AS key
