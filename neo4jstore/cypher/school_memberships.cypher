// School.memberships: a school's memberships of networks, earliest first.
// Parameters: $keys, School keys. Returns: parent (the School's key), m (the MEMBER_OF
// relationship), network (the Network's key).
UNWIND $keys AS parent
MATCH (:School {key: parent})-[m:MEMBER_OF]->(net:Network)
RETURN parent, m, net.key AS network
ORDER BY m.since, net.sortKey, net.key
