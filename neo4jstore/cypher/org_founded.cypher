// Organization.founded: every source's claim of an organisation's founding date, earliest first.
// Parameters: $keys, Organization keys. Returns: parent (the Organization's key), c (a Claim).
UNWIND $keys AS parent
MATCH (c:Claim {property: 'founded'})-[:CLAIM_OF]->(:Organization {key: parent})
RETURN parent, c
ORDER BY c.date, c.key
