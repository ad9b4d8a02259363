// Query.schools: a page of the schools that match a filter, by name.
// Parameters: $networkKey, $keyAreaKey, $cityKey, $countryKey, $nameContains (String or null),
// $founding (Boolean or null), $follow (Boolean: keyAreaKey includes the areas it maps to),
// $asOf (Date or null: the last day of the filter's asOf), $after ([name, key] or null),
// $limit (Int), $withTotal (Boolean: count every matching school), $withCities (Boolean: read
// each school's city along).
// Returns: total (all matching schools; null unless $withTotal), page (School nodes, at most
// limit+1), cities (with $withCities, for each school of the page the list School.city reads:
// City nodes by name; null otherwise). The page reads the school_name index in order from the cursor and stops at the
// page's end; only the count reads every match.
CALL {
  UNWIND CASE WHEN $withTotal THEN [true] ELSE [] END AS counting
  MATCH (s:School)
  WHERE ($nameContains IS NULL OR toLower(s.name) CONTAINS toLower($nameContains))
    AND ($cityKey IS NULL OR EXISTS { (s)-[:IN_CITY]->(:City {key: $cityKey}) })
    AND ($countryKey IS NULL OR EXISTS { (s)-[:IN_CITY]->(:City)-[:IN_COUNTRY]->(:Country {key: $countryKey}) })
    AND ($keyAreaKey IS NULL OR EXISTS {
      MATCH (s)-[:WORKS_IN]->(m:KeyArea)<-[:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey})
      WHERE $follow OR m.key = $keyAreaKey })
    AND ($networkKey IS NULL OR EXISTS { (s)-[:MEMBER_OF]->(:Network)-[:PART_OF*0..]->(:Network {key: $networkKey}) })
    AND ($asOf IS NULL OR EXISTS {
      MATCH (s)-[m:MEMBER_OF]->(n:Network)
      WHERE m.status <> 'CANDIDATE' AND m.sinceFrom <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf)
        AND ($networkKey IS NULL OR EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) }) })
    AND ($founding IS NULL
      OR ($founding AND EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) })
      OR (NOT $founding AND NOT EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) }))
  RETURN count(s) AS total
}
WITH total,
  COLLECT {
    MATCH (s:School)
    WHERE s.name >= coalesce($after[0], '')
      AND ($after IS NULL OR s.name > $after[0] OR s.key > $after[1])
      AND ($nameContains IS NULL OR toLower(s.name) CONTAINS toLower($nameContains))
      AND ($cityKey IS NULL OR EXISTS { (s)-[:IN_CITY]->(:City {key: $cityKey}) })
      AND ($countryKey IS NULL OR EXISTS { (s)-[:IN_CITY]->(:City)-[:IN_COUNTRY]->(:Country {key: $countryKey}) })
      AND ($keyAreaKey IS NULL OR EXISTS {
        MATCH (s)-[:WORKS_IN]->(m:KeyArea)<-[:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey})
        WHERE $follow OR m.key = $keyAreaKey })
      AND ($networkKey IS NULL OR EXISTS { (s)-[:MEMBER_OF]->(:Network)-[:PART_OF*0..]->(:Network {key: $networkKey}) })
      AND ($asOf IS NULL OR EXISTS {
        MATCH (s)-[m:MEMBER_OF]->(n:Network)
        WHERE m.status <> 'CANDIDATE' AND m.sinceFrom <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf)
          AND ($networkKey IS NULL OR EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) }) })
      AND ($founding IS NULL
        OR ($founding AND EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) })
        OR (NOT $founding AND NOT EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) }))
    RETURN s ORDER BY s.name, s.key LIMIT $limit + 1
  } AS page
RETURN CASE WHEN $withTotal THEN total END AS total, page,
  CASE WHEN $withCities THEN [s IN page | COLLECT {
    MATCH (s)-[:IN_CITY]->(c:City) WITH DISTINCT c RETURN c ORDER BY c.name, c.key
  }] END AS cities
