// Completes the schools of imported school rows (found or made by import_school_refs): the
// row's citation, appended unless the school already has it, and a WORKS_IN link to each key
// area, made unless there is one (numbered after the school's others, in the row's order).
// Parameters: $rows (list of {key: String, keyAreas: list of String, source: String,
// quote: String}), $meta (Map: origin, editedBy, editedAt).
// Returns: key, changed (Boolean: a citation or a link was added), one row per row.
UNWIND $rows AS row
MATCH (s:School {key: row.key})
WITH row, s, COUNT { (s)-[:WORKS_IN]->() } AS before,
  any(i IN range(0, size(coalesce(s.citeSources, [])) - 1)
    WHERE s.citeSources[i] = row.source AND coalesce(s.citeQuotes[i], '') = row.quote
      AND coalesce(s.citeProperties[i], '') = '') AS cited
CALL (row, s, before) {
  UNWIND range(0, size(row.keyAreas) - 1) AS i
  MATCH (ka:KeyArea {key: row.keyAreas[i]})
  MERGE (s)-[r:WORKS_IN {key: s.key + '|WORKS_IN|' + ka.key}]->(ka)
    ON CREATE SET r += $meta, r.order = before + i + 1,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
WITH row, s, cited, before <> COUNT { (s)-[:WORKS_IN]->() } AS linked
FOREACH (_ IN CASE WHEN cited THEN [] ELSE [1] END |
  SET s.citeSources = coalesce(s.citeSources, []) + row.source,
      s.citeQuotes = coalesce(s.citeQuotes, []) + row.quote,
      s.citeProperties = coalesce(s.citeProperties, []) + '')
FOREACH (_ IN CASE WHEN cited AND NOT linked THEN [] ELSE [1] END |
  SET s.editedBy = $meta.editedBy, s.editedAt = $meta.editedAt)
RETURN row.key AS key, NOT cited OR linked AS changed
