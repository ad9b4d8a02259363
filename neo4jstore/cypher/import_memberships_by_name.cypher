// Writes imported memberships of schools named by name and city: the school with that identity
// (aspnet.SchoolIdentity), as the API's createSchool finds it, or else a new one with key
// newKey, the row's citation and its IN_CITY link; then its membership as import_memberships
// writes it.
// Parameters: $rows (list of {identity: String, name: String, sortKey: String (its collation
// key), city: String or null, newKey: String, network: String, props: Map, defaults: Map,
// source: String, quote: String}), $meta (Map: origin, editedBy, editedAt).
// Returns: outcome ('created', 'updated' or 'unchanged'), n (rows with that outcome), made
// (schools made among them).
UNWIND $rows AS row
MERGE (s:School {identity: row.identity})
  ON CREATE SET s += $meta, s.key = row.newKey, s.name = row.name, s.sortKey = row.sortKey,
    s.citeSources = [row.source], s.citeQuotes = [row.quote], s.citeProperties = ['']
WITH row, s, s.key = row.newKey AS made
CALL (row, s) {
  MATCH (c:City {key: row.city})
  MERGE (s)-[r:IN_CITY]->(c)
    ON CREATE SET r += $meta, r.key = s.key + '|IN_CITY|' + c.key,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
MATCH (n:Network {key: row.network})
WITH row, s, n, made, s.key + '|MEMBER_OF|' + n.key AS key
OPTIONAL MATCH (s)-[old:MEMBER_OF {key: key}]->(n)
WITH row, s, n, made, key, old,
  old IS NOT NULL AND any(i IN range(0, size(coalesce(old.citeSources, [])) - 1)
    WHERE old.citeSources[i] = row.source AND coalesce(old.citeQuotes[i], '') = row.quote
      AND coalesce(old.citeProperties[i], '') = '') AS cited,
  old IS NOT NULL AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], false)) AS same
MERGE (s)-[r:MEMBER_OF {key: key}]->(n)
  ON CREATE SET r += $meta, r += row.defaults, r += row.props,
    r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
FOREACH (_ IN CASE WHEN old IS NULL OR same THEN [] ELSE [1] END | SET r += row.props)
FOREACH (_ IN CASE WHEN old IS NULL OR cited THEN [] ELSE [1] END |
  SET r.citeSources = coalesce(r.citeSources, []) + row.source,
      r.citeQuotes = coalesce(r.citeQuotes, []) + row.quote,
      r.citeProperties = coalesce(r.citeProperties, []) + '')
FOREACH (_ IN CASE WHEN old IS NULL OR (cited AND same) THEN [] ELSE [1] END |
  SET r.editedBy = $meta.editedBy, r.editedAt = $meta.editedAt)
WITH made, CASE WHEN old IS NULL THEN 'created' WHEN cited AND same THEN 'unchanged' ELSE 'updated' END AS outcome
RETURN outcome, count(*) AS n, sum(CASE WHEN made THEN 1 ELSE 0 END) AS made
