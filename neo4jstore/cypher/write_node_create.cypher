// Creates a node of one label written through the API, with the write's citation, unless one
// with the same identity exists: the name lowercased and trimmed and, with $withDate (events),
// '|' and the date as given. The identity is unique by a constraint (event_identity,
// organization_identity, key_area_identity), so that concurrent creates of one entity make one
// node. An existing node is left as it is. Slot: {{label}}.
// Parameters: $newKey (String: the new node's key), $fields (Map: the entity's properties, name
// and, with $withDate, date among them), $withDate (Boolean), $cite (Map: origin, citeSources,
// citeQuotes, citeProperties, editedBy, editedAt).
// Returns: n (the node), created (Boolean).
WITH toLower(trim($fields.name)) + CASE WHEN $withDate THEN '|' + $fields.date ELSE '' END AS identity
MERGE (n:{{label}} {identity: identity})
  ON CREATE SET n = $cite, n += $fields, n.key = $newKey, n.identity = identity
RETURN n, n.key = $newKey AS created
