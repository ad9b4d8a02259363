// The countries an import names, found or made as the API does: a country with that name
// (case-insensitively, the first by key) or else the one with key newKey, made with the row's
// citation.
// Parameters: $rows (list of {i: Int, name: String, sortKey: String (its collation key), newKey: String, source: String,
// quote: String}), $meta (Map: origin, editedBy, editedAt).
// Returns: i, key (the Country's), one row per row.
// Comparing names case-insensitively reads every country's name (through the key index; a
// few hundred at most): no index serves toLower.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (known:Country) WHERE known.key IS NOT NULL AND toLower(known.name) = toLower(row.name)
  WITH known ORDER BY known.key LIMIT 1
  RETURN known.key AS knownKey
}
MERGE (k:Country {key: coalesce(knownKey, row.newKey)})
  ON CREATE SET k += $meta, k.name = row.name, k.sortKey = row.sortKey,
    k.citeSources = [row.source], k.citeQuotes = [row.quote], k.citeProperties = ['']
RETURN row.i AS i, k.key AS key
