// Records an appeal made at an event, as loaded appeals are held: an Appeal node (text, by,
// to) linked (Appeal)-[:MADE_AT]->(Event), each with the write's citation.
// Parameters: $event (String: the Event's key), $newKey (String: the Appeal's key), $fields
// (Map: text and, when given, by and to), $cite (Map: origin, citeSources, citeQuotes,
// citeProperties, editedBy, editedAt).
// Returns: n, the Appeal; no row when the event is missing.
MATCH (e:Event {key: $event})
CREATE (a:Appeal)
SET a = $cite, a += $fields, a.key = $newKey
CREATE (a)-[r:MADE_AT]->(e)
SET r = $cite, r.key = a.key + '|MADE_AT|' + e.key
RETURN a AS n
