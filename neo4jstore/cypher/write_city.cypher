// The City a write names, in the country with key $country: one the graph has there with that
// name (case-insensitively, the first by key), or else the one with key $key, made when
// missing with the write's citation; either way linked (City)-[:IN_COUNTRY]->(Country).
// Parameters: $name (String), $sortKey (String, the name's collation key), $key (String), $country (String), $cite (Map: origin,
// citeSources, citeQuotes, citeProperties, editedBy, editedAt).
// Returns: key, the City's key.
OPTIONAL MATCH (known:City)-[:IN_COUNTRY]->(:Country {key: $country})
  WHERE toLower(known.name) = toLower($name)
WITH known ORDER BY known.key LIMIT 1
MERGE (c:City {key: coalesce(known.key, $key)})
  ON CREATE SET c = $cite, c.key = $key, c.name = $name, c.sortKey = $sortKey
WITH c
MATCH (k:Country {key: $country})
MERGE (c)-[r:IN_COUNTRY]->(k)
  ON CREATE SET r = $cite, r.key = c.key + '|IN_COUNTRY|' + k.key
RETURN c.key AS key
