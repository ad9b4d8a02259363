// The nodes of one label whose sort key is to be made: those without one, and those whose key
// other rules made (it does not start with $prefix, collation.Prefix). Slot: {{label}}.
// Parameters: $prop (String: the property the key is made of, name or title), $prefix
// (String), $limit (Int).
// Returns: key, text (the value of $prop), lang (the language the node's names give that
// value, or null), at most $limit rows.
MATCH (n:{{label}})
WHERE n.sortKey IS NULL OR NOT n.sortKey STARTS WITH $prefix
WITH n, n[$prop] AS text
RETURN n.key AS key, text,
  [i IN range(0, size(coalesce(n.names, [])) - 1) WHERE n.names[i] = text | n.nameLangs[i]][0] AS lang
LIMIT $limit
