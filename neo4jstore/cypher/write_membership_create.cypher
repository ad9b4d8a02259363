// Makes a school a member (or candidate) of a network, as loaded memberships are held: a
// MEMBER_OF relationship with status, since, founding false and nationalTerm, citing the write.
// Parameters: $school, $network, $key (String: the relationship's key), $set (Map: status and,
// when given, since, sinceFrom, sinceTo, nationalTerm), $cite (Map: origin, citeSources,
// citeQuotes, citeProperties, editedBy, editedAt).
// Returns: r, the membership.
MATCH (s:School {key: $school})
MATCH (n:Network {key: $network})
CREATE (s)-[r:MEMBER_OF]->(n)
SET r = $cite, r += $set, r.founding = false, r.key = $key
RETURN r
