// Creates a node of one label written through the API, with the write's citation. Slot:
// {{label}}. The key is new (a random UUID), so the MERGE creates.
// Parameters: $key (String), $fields (Map: the entity's properties), $cite (Map: origin,
// citeSources, citeQuotes, citeProperties, editedBy, editedAt).
// Returns: n, the node.
MERGE (n:{{label}} {key: $key})
  ON CREATE SET n = $cite, n += $fields, n.key = $key
RETURN n
