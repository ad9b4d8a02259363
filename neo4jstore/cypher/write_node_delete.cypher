// Deletes a node of one label and its relationships, with what exists only through it: the
// appeals made at an event (MADE_AT) and the founding claims of an organisation (CLAIM_OF).
// Sources stay. Slot: {{label}}.
// Parameters: $key (String). Returns: deleted, 1 or 0.
OPTIONAL MATCH (n:{{label}} {key: $key})
CALL (n) {
  MATCH (d)-[:MADE_AT|CLAIM_OF]->(n)
  WHERE d:Appeal OR d:Claim
  DETACH DELETE d
}
DETACH DELETE n
RETURN count(n) AS deleted
