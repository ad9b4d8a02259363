// Removes the links of one type from a node to another, records who changed the from node and
// when, and, when a link was removed, records the removal: a Removal node with $removal's
// properties, the from node's name and the target's name (or title). Slots: {{from}},
// {{type}}, {{to}}.
// Parameters: $from, $to (String: node keys), $removal (Map: key, what, removedId, link,
// targetId, citeSources, citeQuotes, citeProperties, removedBy, removedAt, origin).
// Returns: n (the from node) and deleted (how many links were removed); no row when the from
// node is missing.
MATCH (a:{{from}} {key: $from})
OPTIONAL MATCH (a)-[r:{{type}}]->(t:{{to}} {key: $to})
WITH a, collect(r) AS rs, collect(coalesce(t.name, t.title)) AS names
FOREACH (r IN rs | DELETE r)
FOREACH (x IN CASE WHEN size(rs) > 0 THEN [1] ELSE [] END |
  CREATE (m:Removal)
  SET m = $removal, m.name = a.name, m.targetName = names[0]
)
SET a.editedBy = $removal.removedBy, a.editedAt = $removal.removedAt
RETURN a AS n, size(rs) AS deleted
