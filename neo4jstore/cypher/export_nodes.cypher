// One page of the nodes of one label, by key, for the export. Slot: {{label}}.
// Parameters: $after (String: the last key of the previous page, "" for the first),
// $limit (Int).
// Returns: key, props (every property), at most $limit rows ordered by key.
MATCH (n:{{label}})
WHERE n.key > $after
RETURN n.key AS key, properties(n) AS props
ORDER BY key
LIMIT $limit
