// Deletes an appeal and records the removal: a Removal node with $removal's properties, the
// appeal's text as its name and the name of the event it was made at as the target's name.
// The event records who changed it and when; the sources stay.
// Parameters: $key (String: the Appeal's key), $removal (Map: key, what, removedId, targetId,
// citeSources, citeQuotes, citeProperties, removedBy, removedAt, origin).
// Returns: deleted, 1 or 0.
OPTIONAL MATCH (a:Appeal {key: $key})
OPTIONAL MATCH (a)-[:MADE_AT]->(e:Event)
WITH a, head(collect(e)) AS e
FOREACH (x IN CASE WHEN a IS NULL THEN [] ELSE [a.text] END |
  CREATE (r:Removal)
  SET r = $removal, r.name = x, r.targetName = e.name
)
FOREACH (x IN CASE WHEN e IS NULL THEN [] ELSE [e] END |
  SET x.editedBy = $removal.removedBy, x.editedAt = $removal.removedAt
)
DETACH DELETE a
RETURN count(a) AS deleted
