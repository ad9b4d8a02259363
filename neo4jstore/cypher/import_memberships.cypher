// Writes imported memberships: (School)-[:MEMBER_OF {key}]->(Network), made with the defaults
// and the row's properties, or, when it exists, given the row's properties (those the row
// leaves out stay as they are) and the row's citation unless it has it already.
// Parameters: $rows (list of {school: String, network: String, key: String, props: Map,
// defaults: Map, source: String, quote: String}), $meta (Map: origin, editedBy, editedAt).
// Returns: outcome ('created', 'updated' or 'unchanged'), n (rows with that outcome).
UNWIND $rows AS row
MATCH (s:School {key: row.school})
MATCH (n:Network {key: row.network})
OPTIONAL MATCH (s)-[old:MEMBER_OF {key: row.key}]->(n)
WITH row, s, n, old,
  old IS NOT NULL AND any(i IN range(0, size(coalesce(old.citeSources, [])) - 1)
    WHERE old.citeSources[i] = row.source AND coalesce(old.citeQuotes[i], '') = row.quote
      AND coalesce(old.citeProperties[i], '') = '') AS cited,
  old IS NOT NULL AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], false)) AS same
MERGE (s)-[r:MEMBER_OF {key: row.key}]->(n)
  ON CREATE SET r += $meta, r += row.defaults, r += row.props,
    r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
FOREACH (_ IN CASE WHEN old IS NULL OR same THEN [] ELSE [1] END | SET r += row.props)
FOREACH (_ IN CASE WHEN old IS NULL OR cited THEN [] ELSE [1] END |
  SET r.citeSources = coalesce(r.citeSources, []) + row.source,
      r.citeQuotes = coalesce(r.citeQuotes, []) + row.quote,
      r.citeProperties = coalesce(r.citeProperties, []) + '')
FOREACH (_ IN CASE WHEN old IS NULL OR (cited AND same) THEN [] ELSE [1] END |
  SET r.editedBy = $meta.editedBy, r.editedAt = $meta.editedAt)
WITH CASE WHEN old IS NULL THEN 'created' WHEN cited AND same THEN 'unchanged' ELSE 'updated' END AS outcome
RETURN outcome, count(*) AS n
