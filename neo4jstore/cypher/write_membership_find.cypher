// A school's memberships of a network, to join or leave it.
// Parameters: $school, $network (String: keys).
// Returns: open (the key of the membership that has not ended, or null), count (how many
// memberships of the network the school has, ended or not).
MATCH (s:School {key: $school})-[r:MEMBER_OF]->(:Network {key: $network})
WITH collect(r) AS rs
RETURN [r IN rs WHERE r.until IS NULL | r.key][0] AS open, size(rs) AS count
