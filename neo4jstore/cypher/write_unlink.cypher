// Removes the links of one type from a node to another and records who changed the from
// node and when. Slots: {{from}}, {{type}}, {{to}}.
// Parameters: $from, $to (String: node keys), $by (String), $at (DateTime).
// Returns: n (the from node) and deleted (how many links were removed); no row when the from
// node is missing.
MATCH (a:{{from}} {key: $from})
OPTIONAL MATCH (a)-[r:{{type}}]->(:{{to}} {key: $to})
WITH a, collect(r) AS rs
FOREACH (r IN rs | DELETE r)
SET a.editedBy = $by, a.editedAt = $at
RETURN a AS n, size(rs) AS deleted
