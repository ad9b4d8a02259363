// Links two nodes with a relationship that cites the write, as loaded data links them: the
// key from|TYPE|to, the citation lists and, for links that keep an order, the next order.
// When the link exists its citation is appended instead. With $replace, the from node's
// other links of this type to nodes of the to label are removed first (a venue, a city).
// Slots: {{from}}, {{type}}, {{to}}.
// Parameters: $from, $to (String: node keys), $replace (Boolean), $ordered (Boolean),
// $relProps (Map: the relationship's own properties, such as relation), $cite (Map: origin,
// citeSources, citeQuotes, citeProperties, editedBy, editedAt).
// Returns: n, the from node; no row when either node is missing.
MATCH (a:{{from}} {key: $from})
MATCH (b:{{to}} {key: $to})
CALL (a, b) {
  MATCH (a)-[old:{{type}}]->(x:{{to}})
  WHERE $replace AND x.key <> b.key
  DELETE old
}
WITH a, b, COUNT { (a)-[:{{type}}]->(:{{to}}) } AS linked
MERGE (a)-[r:{{type}}]->(b)
  ON CREATE SET r = $cite, r += $relProps, r.key = a.key + '|{{type}}|' + b.key,
    r.order = CASE WHEN $ordered THEN linked + 1 END
  ON MATCH SET r += $relProps,
    r.citeSources = coalesce(r.citeSources, []) + $cite.citeSources,
    r.citeQuotes = coalesce(r.citeQuotes, []) + $cite.citeQuotes,
    r.citeProperties = coalesce(r.citeProperties, []) + $cite.citeProperties,
    r.editedBy = $cite.editedBy,
    r.editedAt = $cite.editedAt
SET a.editedBy = $cite.editedBy, a.editedAt = $cite.editedAt
RETURN a AS n
