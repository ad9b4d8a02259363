// Network.memberships: a page of a network's memberships, earliest first, then by school name.
// ?desc reads each page from its end (`last`): the limit+1 nearest before, in descending order.
// Parameters: $reqs, a list of {parent: Network key, after, before: [since or "~", school name,
// school key] or null (the page's memberships sort after and before them), limit: Int, i: Int (the request's index), asOf: Date or null (the last day
// of the asOf date: keeps members, not candidates, that joined by then and had not left)}. Returns: parent, total (all the network's memberships), page (a
// list of {m: MEMBER_OF relationship, school: School node}, at most limit+1 long).
UNWIND $reqs AS req
MATCH (net:Network {key: req.parent})
RETURN req.i AS i, req.parent AS parent,
  COUNT {
    MATCH (:School)-[m:MEMBER_OF]->(net)
    WHERE req.asOf IS NULL OR (m.status <> 'CANDIDATE' AND m.sinceFrom <= req.asOf AND (m.untilFrom IS NULL OR m.untilFrom > req.asOf))
  } AS total,
  COLLECT {
    MATCH (s:School)-[m:MEMBER_OF]->(net)
    WITH m, s, coalesce(m.since, '~') AS since
    WHERE (req.asOf IS NULL OR (m.status <> 'CANDIDATE' AND m.sinceFrom <= req.asOf AND (m.untilFrom IS NULL OR m.untilFrom > req.asOf)))
      AND (req.after IS NULL
       OR since > req.after[0]
       OR (since = req.after[0] AND (s.name > req.after[1] OR (s.name = req.after[1] AND s.key > req.after[2]))))
      AND (req.before IS NULL
       OR since < req.before[0]
       OR (since = req.before[0] AND (s.name < req.before[1] OR (s.name = req.before[1] AND s.key < req.before[2]))))
    RETURN {m: m, school: s} ORDER BY
      since DESC, s.name DESC, s.key DESC, // ?desc
      since, s.name, s.key
  }[..req.limit + 1] AS page
