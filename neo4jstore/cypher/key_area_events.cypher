// KeyArea.events: a page of the events in a key area, oldest first, then by name.
// Parameters: $reqs, a list of {parent: KeyArea key, after, before: [date, sortKey, key] or
// null (the page's events sort after and before them), limit: Int, i: Int (the request's index)}; $limit (Int), the largest of the requests'
// limits, which bounds the sort. Returns: parent, total, page (Event nodes, at most limit+1).
// ?desc reads each page from its end (`last`): the limit+1 nearest before, in descending order.
// Only events are in a key area (IN_KEY_AREA), so the total is the area's IN_KEY_AREA degree.
UNWIND $reqs AS req
MATCH (ka:KeyArea {key: req.parent})
RETURN req.i AS i, req.parent AS parent,
  COUNT { (ka)<-[:IN_KEY_AREA]-() } AS total,
  COLLECT {
    MATCH (e:Event)-[:IN_KEY_AREA]->(ka)
    WHERE (req.after IS NULL
       OR e.date > req.after[0]
       OR (e.date = req.after[0] AND (e.sortKey > req.after[1] OR (e.sortKey = req.after[1] AND e.key > req.after[2]))))
      AND (req.before IS NULL
       OR e.date < req.before[0]
       OR (e.date = req.before[0] AND (e.sortKey < req.before[1] OR (e.sortKey = req.before[1] AND e.key < req.before[2]))))
    RETURN e ORDER BY
      e.date DESC, e.sortKey DESC, e.key DESC, // ?desc
      e.date, e.sortKey, e.key
    LIMIT $limit + 1
  }[..req.limit + 1] AS page
