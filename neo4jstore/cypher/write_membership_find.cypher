// A school's memberships of a network, to join or leave it. Takes the school's write lock
// first (setting and removing a marker property), so that concurrent joins and leaves of one
// school run one after the other, each seeing what the one before wrote.
// Parameters: $school, $network (String: keys).
// Returns: open (the key of the membership that has not ended, or null), count (how many
// memberships of the network the school has, ended or not); no row for an unknown school.
MATCH (s:School {key: $school})
SET s.writeLock = true
REMOVE s.writeLock
WITH s
OPTIONAL MATCH (s)-[r:MEMBER_OF]->(:Network {key: $network})
WITH collect(r) AS rs
RETURN [r IN rs WHERE r.until IS NULL | r.key][0] AS open, size(rs) AS count
