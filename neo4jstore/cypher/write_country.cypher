// The Country a write names: one the graph has with that name (case-insensitively, the first
// by key), or else the one with key $key, made when missing with the write's citation.
// Parameters: $name (String), $sortKey (String, the name's collation key), $key (String), $cite (Map: origin, citeSources, citeQuotes,
// citeProperties, editedBy, editedAt).
// Returns: key, the Country's key.
// Comparing names case-insensitively reads every country's name (through the key index;
// there are a few hundred at most): no index serves toLower.
OPTIONAL MATCH (known:Country) WHERE known.key IS NOT NULL AND toLower(known.name) = toLower($name)
WITH known ORDER BY known.key LIMIT 1
MERGE (c:Country {key: coalesce(known.key, $key)})
  ON CREATE SET c = $cite, c.key = $key, c.name = $name, c.sortKey = $sortKey
RETURN c.key AS key
