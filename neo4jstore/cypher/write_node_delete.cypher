// Deletes a node of one label and its relationships, with what exists only through it: the
// appeals made at an event (MADE_AT) and the founding claims of an organisation (CLAIM_OF).
// Sources stay. Records the removal first: a Removal node with $removal's properties and the
// node's name. Slot: {{label}}.
// Parameters: $key (String), $removal (Map: key, what, removedId, citeSources, citeQuotes,
// citeProperties, removedBy, removedAt, origin).
// Returns: deleted, 1 or 0.
OPTIONAL MATCH (n:{{label}} {key: $key})
FOREACH (x IN CASE WHEN n IS NULL THEN [] ELSE [n.name] END |
  CREATE (r:Removal)
  SET r = $removal, r.name = x
)
WITH n
CALL (n) {
  MATCH (d)-[:MADE_AT|CLAIM_OF]->(n)
  WHERE d:Appeal OR d:Claim
  DETACH DELETE d
}
DETACH DELETE n
RETURN count(n) AS deleted
