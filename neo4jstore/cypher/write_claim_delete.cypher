// Deletes an organisation's founding claims of one date (as given), with their citations, and,
// when one was deleted, records the removal: a Removal node with $removal's properties and
// the organisation's name. The organisation records who changed it and when.
// Parameters: $org (String: the Organization's key), $date (String: the date as given),
// $removal (Map: key, what, removedId, date, citeSources, citeQuotes, citeProperties,
// removedBy, removedAt, origin).
// Returns: n (the Organization), deleted (how many claims were deleted); no row when the
// organisation is missing.
MATCH (o:Organization {key: $org})
OPTIONAL MATCH (c:Claim {property: 'founded'})-[:CLAIM_OF]->(o)
  WHERE c.date = $date
WITH o, collect(c) AS cs
FOREACH (c IN cs | DETACH DELETE c)
FOREACH (x IN CASE WHEN size(cs) > 0 THEN [1] ELSE [] END |
  CREATE (m:Removal)
  SET m = $removal, m.name = o.name
)
SET o.editedBy = $removal.removedBy, o.editedAt = $removal.removedAt
RETURN o AS n, size(cs) AS deleted
