// Query.shortestPath: the shortest chain of relationships between two entities, in either
// direction, through entity nodes only (those with a label in $kinds: not GrowthFigure or
// Claim). Among equally short chains, the first by the keys of its nodes, then of its
// relationships. Slots: {{from}}, {{to}} (the labels of the two ends).
// Parameters: $fromKey, $toKey (String), $maxHops (Int, 1..10: the pattern's bound of 10 is
// literal, as Cypher requires, and $maxHops cuts below it), $kinds (list of String).
// Returns one row: fromFound, toFound (Boolean), paths (at most one path).
OPTIONAL MATCH (a:{{from}} {key: $fromKey})
OPTIONAL MATCH (b:{{to}} {key: $toKey})
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  COLLECT {
    MATCH p = ALL SHORTEST (a)(()--(x WHERE any(l IN labels(x) WHERE l IN $kinds))){0,10}(b)
    WHERE length(p) <= $maxHops
    RETURN p
    ORDER BY [n IN nodes(p) | n.key], [r IN relationships(p) | r.key]
    LIMIT 1
  } AS paths
