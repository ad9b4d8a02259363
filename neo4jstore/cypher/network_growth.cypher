// Network.growth: what growth is made of, for each network: the growth figures sources
// published, and what each year changed in the memberships of the network or of any network
// within it, summed up here so that a network of thousands of memberships costs a row per
// year and country.
// Parameters: $keys, Network keys; $candidate, the status of a candidate; $citations, whether
// to collect the citations of the memberships that changed. Returns: parent (the Network's
// key), net (the Network), figures (GrowthFigure nodes, by date), changes (a list of {country:
// the key of the country of the member's own network, or null; year; members and candidates,
// joined less left; cites: a list of {sources, quotes, properties} citation lists, empty
// unless $citations}).
UNWIND $keys AS parent
MATCH (net:Network {key: parent})
RETURN parent, net,
  COLLECT { MATCH (g:GrowthFigure)-[:FIGURE_OF]->(net) RETURN g ORDER BY g.date, g.key } AS figures,
  COLLECT {
    MATCH (:School)-[m:MEMBER_OF]->(own:Network)-[:PART_OF*0..]->(net)
    WHERE m.since IS NOT NULL
    OPTIONAL MATCH (own)-[:IN_COUNTRY]->(c:Country)
    UNWIND CASE WHEN m.until IS NULL THEN [[m.since, 1]] ELSE [[m.since, 1], [m.until, -1]] END AS change
    WITH c.key AS country, toInteger(left(change[0], 4)) AS year, change[1] AS delta,
      m.status = $candidate AS candidate, m
    WITH country, year,
      sum(CASE WHEN candidate THEN 0 ELSE delta END) AS members,
      sum(CASE WHEN candidate THEN delta ELSE 0 END) AS candidates,
      collect(CASE WHEN $citations THEN {sources: m.citeSources, quotes: m.citeQuotes, properties: m.citeProperties} END) AS cites
    RETURN {country: country, year: year, members: members, candidates: candidates, cites: cites}
  } AS changes
