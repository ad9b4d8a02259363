// The nodes of one label whose sort key is to be made: those without one and, with $all,
// those whose key was made by other rules (sortKeyVersion other than $version). Slot:
// {{label}}.
// Parameters: $prop (String: the property the key is made of, name or title), $all (Boolean),
// $version (String), $limit (Int).
// Returns: key, text (the value of $prop), lang (the language the node's names give that
// value, or null), at most $limit rows.
MATCH (n:{{label}})
WHERE n.sortKey IS NULL OR ($all AND coalesce(n.sortKeyVersion, '') <> $version)
WITH n, n[$prop] AS text
RETURN n.key AS key, text,
  [i IN range(0, size(coalesce(n.names, [])) - 1) WHERE n.names[i] = text | n.nameLangs[i]][0] AS lang
LIMIT $limit
