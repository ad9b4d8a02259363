// Writes nodes of one label from the export's format: each merged by key and given exactly
// the properties of the row, unless it has them already. Slot: {{label}}.
// Parameters: $rows (list of {key: String, props: Map, key included}).
// Returns: outcome ('created', 'updated' or 'unchanged'), n (rows with that outcome).
UNWIND $rows AS row
OPTIONAL MATCH (old:{{label}} {key: row.key})
WITH row, CASE WHEN old IS NULL THEN 'created' WHEN properties(old) = row.props THEN 'unchanged' ELSE 'updated' END AS outcome
MERGE (n:{{label}} {key: row.key})
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END | SET n = row.props)
RETURN outcome, count(*) AS n
