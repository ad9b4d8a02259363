// Query.schools: a page of the schools that match a filter, by name.
// Parameters: $networkKey, $keyAreaKey, $cityKey, $countryKey, $nameContains (String or null),
// $founding (Boolean or null), $follow (Boolean: keyAreaKey includes the areas it maps to),
// $asOf (Date or null: the last day of the filter's asOf), $after ([name, key] or null),
// $limit (Int).
// Returns: total (all matching schools), page (School nodes, at most limit+1).
CALL {
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
    AND ($founding IS NULL OR EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } = $founding)
  RETURN s ORDER BY s.name, s.key
}
WITH collect(s) AS matching
RETURN size(matching) AS total,
  [s IN matching WHERE $after IS NULL OR s.name > $after[0] OR (s.name = $after[0] AND s.key > $after[1])][..$limit + 1] AS page
