// Records a source's claim of an organisation's founding date, as loaded claims are held: a
// Claim node (property 'founded', date, dateFrom, dateTo) linked (Claim)-[:CLAIM_OF]->
// (Organization), each with the write's citation. When the organisation has a claim of that
// date (as given) already, the citation is appended to it instead: each date claimed stands
// once with every source that claims it.
// Parameters: $org (String: the Organization's key), $newKey (String: a new Claim's key),
// $date (String: the date as given), $set (Map: date, dateFrom, dateTo), $cite (Map: origin,
// citeSources, citeQuotes, citeProperties, editedBy, editedAt).
// Returns: n, the Organization; no row when it is missing.
MATCH (o:Organization {key: $org})
OPTIONAL MATCH (known:Claim {property: 'founded'})-[:CLAIM_OF]->(o)
  WHERE known.date = $date
WITH o, known ORDER BY known.key LIMIT 1
MERGE (c:Claim {key: coalesce(known.key, $newKey)})
  ON CREATE SET c = $cite, c += $set, c.key = $newKey, c.property = 'founded'
  ON MATCH SET c.citeSources = coalesce(c.citeSources, []) + $cite.citeSources,
    c.citeQuotes = coalesce(c.citeQuotes, []) + $cite.citeQuotes,
    c.citeProperties = coalesce(c.citeProperties, []) + $cite.citeProperties,
    c.editedBy = $cite.editedBy,
    c.editedAt = $cite.editedAt
MERGE (c)-[r:CLAIM_OF]->(o)
  ON CREATE SET r = $cite, r.key = c.key + '|CLAIM_OF|' + o.key
SET o.editedBy = $cite.editedBy, o.editedAt = $cite.editedAt
RETURN o AS n
