// Query.schools: a page of the schools that match a filter, by name.
// Parameters: $networkKey, $keyAreaKey, $cityKey, $countryKey, $nameContains (String or null),
// $founding (Boolean or null), $follow (Boolean: keyAreaKey includes the areas it maps to),
// $asOf (Date or null: the last day of the filter's asOf), $after ([name, key] or null: the
// page's items sort after it), $before ([name, key] or null: they sort before it), $limit (Int), $withTotal (Boolean: count every matching school), $withCities (Boolean: read
// each school's city along).
// Returns: total (all matching schools; null unless $withTotal), page (School nodes, at most
// limit+1), cities (with $withCities, for each school of the page the list School.city reads:
// City nodes by name; null otherwise). The page reads the school_name index in order from the cursor and stops at the
// page's end; only the count reads every match.
// A line that ends with "// ?name" is sent only when the filter it names is set (see
// composed in cypher.go): Neo4j plans only the filters a request uses, which on a freshly
// started Neo4j takes a fraction of the time all eight take. ?lt is a $before bound; ?desc reads
// from the end (a `last` page), limit+1 nearest $before, in descending order. ?network is the network filter
// without asOf (with asOf, ?asOfNetwork checks the network of the membership that counts).
CALL {
  UNWIND CASE WHEN $withTotal THEN [true] ELSE [] END AS counting
  MATCH (s:School)
  WHERE true
    AND toLower(s.name) CONTAINS toLower($nameContains) // ?name
    AND EXISTS { (s)-[:IN_CITY]->(:City {key: $cityKey}) } // ?city
    AND EXISTS { (s)-[:IN_CITY]->(:City)-[:IN_COUNTRY]->(:Country {key: $countryKey}) } // ?country
    AND EXISTS { // ?keyArea
      MATCH (s)-[:WORKS_IN]->(m:KeyArea)<-[:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey}) // ?keyArea
      WHERE $follow OR m.key = $keyAreaKey } // ?keyArea
    AND EXISTS { (s)-[:MEMBER_OF]->(:Network)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?network
    AND EXISTS { // ?asOf
      MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?asOf
      WHERE m.status <> 'CANDIDATE' AND m.sinceFrom <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf) // ?asOf
        AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?asOfNetwork
      } // ?asOf
    AND EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?founding
    AND NOT EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?notFounding
  RETURN count(s) AS total
}
WITH total,
  COLLECT {
    MATCH (s:School)
    WHERE s.name >= coalesce($after[0], '')
      AND ($after IS NULL OR s.name > $after[0] OR s.key > $after[1])
      AND s.name <= $before[0] AND (s.name < $before[0] OR s.key < $before[1]) // ?lt
      AND toLower(s.name) CONTAINS toLower($nameContains) // ?name
      AND EXISTS { (s)-[:IN_CITY]->(:City {key: $cityKey}) } // ?city
      AND EXISTS { (s)-[:IN_CITY]->(:City)-[:IN_COUNTRY]->(:Country {key: $countryKey}) } // ?country
      AND EXISTS { // ?keyArea
        MATCH (s)-[:WORKS_IN]->(m:KeyArea)<-[:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey}) // ?keyArea
        WHERE $follow OR m.key = $keyAreaKey } // ?keyArea
      AND EXISTS { (s)-[:MEMBER_OF]->(:Network)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?network
      AND EXISTS { // ?asOf
        MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?asOf
        WHERE m.status <> 'CANDIDATE' AND m.sinceFrom <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf) // ?asOf
          AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?asOfNetwork
        } // ?asOf
      AND EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?founding
      AND NOT EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?notFounding
    RETURN s ORDER BY
      s.name DESC, s.key DESC, // ?desc
      s.name, s.key
    LIMIT $limit + 1
  } AS page
RETURN CASE WHEN $withTotal THEN total END AS total, page,
  CASE WHEN $withCities THEN [s IN page | COLLECT {
    MATCH (s)-[:IN_CITY]->(c:City) WITH DISTINCT c RETURN c ORDER BY c.name, c.key
  }] END AS cities
