// The cities an import names, each in its country, found or made as the API does: a country
// with that name (case-insensitively, the first by key) or else the one with key countryKey;
// in it, a city with that name (likewise) or else the one with key cityKey, linked
// (City)-[:IN_COUNTRY]->(Country). What is made carries the row's citation.
// Parameters: $rows (list of {i: Int, city: String, country: String, cityKey: String,
// countryKey: String, source: String, quote: String}), $meta (Map: origin, editedBy, editedAt).
// Returns: i, key (the City's), one row per row.
// Comparing names case-insensitively reads every country's name and the cities of one
// country (through the key index; a few hundred at most): no index serves toLower.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (known:Country) WHERE known.key IS NOT NULL AND toLower(known.name) = toLower(row.country)
  WITH known ORDER BY known.key LIMIT 1
  MERGE (k:Country {key: coalesce(known.key, row.countryKey)})
    ON CREATE SET k += $meta, k.name = row.country,
      k.citeSources = [row.source], k.citeQuotes = [row.quote], k.citeProperties = ['']
  RETURN k
}
CALL (row, k) {
  OPTIONAL MATCH (known:City)-[:IN_COUNTRY]->(k) WHERE toLower(known.name) = toLower(row.city)
  WITH known ORDER BY known.key LIMIT 1
  MERGE (c:City {key: coalesce(known.key, row.cityKey)})
    ON CREATE SET c += $meta, c.name = row.city,
      c.citeSources = [row.source], c.citeQuotes = [row.quote], c.citeProperties = ['']
  MERGE (c)-[r:IN_COUNTRY]->(k)
    ON CREATE SET r += $meta, r.key = c.key + '|IN_COUNTRY|' + k.key,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
  RETURN c
}
RETURN row.i AS i, c.key AS key
