// Network.memberships: a page of a network's memberships, earliest first, then by school name
// (the school's sortKey, the name's collation key).
// ?desc reads each page from its end (`last`): the limit+1 nearest before, in descending order.
// Parameters: $reqs, a list of {parent: Network key, after, before: [since or "~", school
// sortKey, school key] or null (the page's memberships sort after and before them), limit: Int,
// i: Int (the request's index), asOf: Date or null (the last day of the asOf date: keeps
// members, not candidates, certainly members on it: the period of the start date ended by then,
// that of the end date not yet begun; see aspnet.HoldingOn)}.
// Returns: parent, total (all the network's memberships, or with asOf those held on it),
// uncertain (with asOf, the members whose dates cannot place them on it: it lies within the
// period of a start or end date of year or month precision; 0 without asOf), page (a list of
// {m: MEMBER_OF relationship, school: School node}, at most limit+1 long).
UNWIND $reqs AS req
MATCH (net:Network {key: req.parent})
RETURN req.i AS i, req.parent AS parent,
  COUNT {
    MATCH (:School)-[m:MEMBER_OF]->(net)
    WHERE req.asOf IS NULL OR (m.status <> 'CANDIDATE' AND m.sinceTo <= req.asOf AND (m.untilFrom IS NULL OR m.untilFrom > req.asOf))
  } AS total,
  COUNT {
    MATCH (:School)-[m:MEMBER_OF]->(net)
    WHERE req.asOf IS NOT NULL AND m.status <> 'CANDIDATE'
      AND m.sinceFrom <= req.asOf AND (m.untilTo IS NULL OR m.untilTo > req.asOf)
      AND NOT (m.sinceTo <= req.asOf AND (m.untilFrom IS NULL OR m.untilFrom > req.asOf))
  } AS uncertain,
  COLLECT {
    MATCH (s:School)-[m:MEMBER_OF]->(net)
    WITH m, s, coalesce(m.since, '~') AS since
    WHERE (req.asOf IS NULL OR (m.status <> 'CANDIDATE' AND m.sinceTo <= req.asOf AND (m.untilFrom IS NULL OR m.untilFrom > req.asOf)))
      AND (req.after IS NULL
       OR since > req.after[0]
       OR (since = req.after[0] AND (s.sortKey > req.after[1] OR (s.sortKey = req.after[1] AND s.key > req.after[2]))))
      AND (req.before IS NULL
       OR since < req.before[0]
       OR (since = req.before[0] AND (s.sortKey < req.before[1] OR (s.sortKey = req.before[1] AND s.key < req.before[2]))))
    RETURN {m: m, school: s} ORDER BY
      since DESC, s.sortKey DESC, s.key DESC, // ?desc
      since, s.sortKey, s.key
  }[..req.limit + 1] AS page
