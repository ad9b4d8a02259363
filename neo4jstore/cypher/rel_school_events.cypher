// School.events: events held at a school or that it took part in, oldest first; at most
// $limit of each school.
// Parameters: $keys, the keys of the School entities; $limit (Int), how many events of each
// school to return. Returns: parent (the School's key) and n (a related node), one row per
// related node, each school's in the field's order.
UNWIND $keys AS parent
MATCH (s:School {key: parent})
UNWIND COLLECT {
  MATCH (s)<-[:HELD_AT|PARTICIPANT]-(n:Event)
  WITH DISTINCT n
  RETURN n ORDER BY n.date, n.sortKey, n.key LIMIT $limit
} AS n
RETURN parent, n
