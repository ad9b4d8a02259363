// Writes relationships of one type between two labels from the export's format: each merged
// by its key between its two nodes (which must exist) and given exactly the properties of the
// row, unless it has them already. Slots: {{from}}, {{type}}, {{to}}.
// Parameters: $rows (list of {key: String, from: String, to: String, props: Map, key
// included}); from and to are node keys.
// Returns: outcome ('created', 'updated' or 'unchanged'), n (rows with that outcome).
UNWIND $rows AS row
MATCH (a:{{from}} {key: row.from})
MATCH (b:{{to}} {key: row.to})
OPTIONAL MATCH (a)-[old:{{type}} {key: row.key}]->(b)
WITH row, a, b, CASE WHEN old IS NULL THEN 'created' WHEN properties(old) = row.props THEN 'unchanged' ELSE 'updated' END AS outcome
MERGE (a)-[r:{{type}} {key: row.key}]->(b)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END | SET r = row.props)
RETURN outcome, count(*) AS n
