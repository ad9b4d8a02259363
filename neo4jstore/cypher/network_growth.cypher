// Network.growth: what growth is made of, for each network: the growth figures sources
// published, and the memberships of the network or of any network within it.
// Parameters: $keys, Network keys. Returns: parent (the Network's key), figures (GrowthFigure
// nodes, by date), memberships (a list of {m: MEMBER_OF relationship, country: the key of the
// country of the member's own network, or null}).
UNWIND $keys AS parent
MATCH (net:Network {key: parent})
RETURN parent,
  COLLECT { MATCH (g:GrowthFigure)-[:FIGURE_OF]->(net) RETURN g ORDER BY g.date, g.key } AS figures,
  COLLECT {
    MATCH (:School)-[m:MEMBER_OF]->(own:Network)-[:PART_OF*0..]->(net)
    OPTIONAL MATCH (own)-[:IN_COUNTRY]->(c:Country)
    RETURN {m: m, country: c.key}
  } AS memberships
