// KeyArea.schools: a page of the schools that work in a key area, by name (by sortKey, the
// name's collation key).
// Parameters: $reqs, a list of {parent: KeyArea key, after, before: [sortKey, key] or null (the
// page's schools sort after and before them), limit: Int, i: Int (the request's index)}; $limit (Int), the largest of the requests' limits, which
// bounds the sort. Returns: parent, total, page (School nodes, at most limit+1).
// ?desc reads each page from its end (`last`): the limit+1 nearest before, in descending order.
// Only schools work in a key area (WORKS_IN), so the total is the area's WORKS_IN degree.
UNWIND $reqs AS req
MATCH (ka:KeyArea {key: req.parent})
RETURN req.i AS i, req.parent AS parent,
  COUNT { (ka)<-[:WORKS_IN]-() } AS total,
  COLLECT {
    MATCH (s:School)-[:WORKS_IN]->(ka)
    WHERE (req.after IS NULL OR s.sortKey > req.after[0] OR (s.sortKey = req.after[0] AND s.key > req.after[1]))
      AND (req.before IS NULL OR s.sortKey < req.before[0] OR (s.sortKey = req.before[0] AND s.key < req.before[1]))
    RETURN s ORDER BY
      s.sortKey DESC, s.key DESC, // ?desc
      s.sortKey, s.key
    LIMIT $limit + 1
  }[..req.limit + 1] AS page
