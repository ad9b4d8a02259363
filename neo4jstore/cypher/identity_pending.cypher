// The nodes of one label that have no identity, to be given theirs (see identity.go): those
// with a name and, with $withDate (events), a date. Slot: {{label}}.
// Parameters: $after (String: the key after which to read; "" for the first), $withDate
// (Boolean), $limit (Int).
// Returns: key, name, date (null without $withDate), at most $limit rows, by key.
MATCH (n:{{label}})
WHERE n.identity IS NULL AND n.name IS NOT NULL AND n.key > $after
  AND (NOT $withDate OR n.date IS NOT NULL)
RETURN n.key AS key, n.name AS name, CASE WHEN $withDate THEN n.date END AS date
ORDER BY key
LIMIT $limit
