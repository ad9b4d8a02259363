// Creates a node of one label written through the API, with the write's citation, unless one
// with the same identity exists (aspnet.EventIdentity, aspnet.NameIdentity). The identity is
// unique by a constraint (event_identity,
// organization_identity, key_area_identity), so that concurrent creates of one entity make one
// node. An existing node is left as it is. Slot: {{label}}.
// Parameters: $newKey (String: the new node's key), $identity (String), $fields (Map: the
// entity's properties), $cite (Map: origin, citeSources, citeQuotes, citeProperties, editedBy,
// editedAt).
// Returns: n (the node), created (Boolean).
MERGE (n:{{label}} {identity: $identity})
  ON CREATE SET n = $cite, n += $fields, n.key = $newKey, n.identity = $identity
RETURN n, n.key = $newKey AS created
