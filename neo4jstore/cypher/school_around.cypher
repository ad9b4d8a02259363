// node(id:) on a School: the school and what its common fields reach, in one statement.
// Parameters: $key, the School's key. Returns: one row, or none when there is no such school:
// school (School), city (City or null), country (the city's Country or null), keyAreas (KeyArea
// nodes, as School.keyAreas orders them), memberships (a list of {m: MEMBER_OF relationship,
// network: Network node}, as School.memberships orders them).
MATCH (school:School {key: $key})
OPTIONAL MATCH (school)-[:IN_CITY]->(city:City)
OPTIONAL MATCH (city)-[:IN_COUNTRY]->(country:Country)
WITH school, collect(DISTINCT city)[0] AS city, collect(DISTINCT country)[0] AS country
RETURN school, city, country,
  COLLECT { MATCH (school)-[:WORKS_IN]->(n:KeyArea) WITH DISTINCT n RETURN n ORDER BY n.sortKey, n.key } AS keyAreas,
  COLLECT {
    MATCH (school)-[m:MEMBER_OF]->(net:Network)
    RETURN {m: m, network: net} ORDER BY m.since, net.sortKey, net.key
  } AS memberships
