// Query.schools: a page of the schools that match a filter, by name: by sortKey, the name's
// collation key (see package collation), then key.
// Parameters: $networkKey, $keyAreaKey, $cityKey, $countryKey, $nameContains (String or null: a case-insensitive substring of
// any of the school's names, the display name or one in names),
// $founding (Boolean or null), $follow (Boolean: keyAreaKey includes the areas it maps to),
// $keyAreaBases (list of String: the bases of the WORKS_IN and MAPS_TO links to follow),
// $asOf (Date or null: the last day of the filter's asOf; ?asOf keeps the schools certainly
// members on it: a start date's period ended by then, an end date's not yet begun; ?uncertain
// instead keeps those that are not, but whose membership the dates cannot place: the day lies
// within the period of a start or end date of year or month precision, see aspnet.HoldingOn),
// $after ([sortKey, key] or null: the page's items sort after it), $before ([sortKey, key] or
// null: they sort before it), $limit (Int), $withTotal (Boolean: count every matching school), $withCities (Boolean: read
// each school's city along).
// Returns: total (all matching schools; null unless $withTotal), page (School nodes, at most
// limit+1), cities (with $withCities, for each school of the page the list School.city reads:
// City nodes by name; null otherwise). The page reads the school_sort_key index in order from the cursor and stops at the
// page's end; only the count reads every match.
// A line that ends with "// ?name" is sent only when the filter it names is set (see
// composed in cypher.go): Neo4j plans only the filters a request uses, which on a freshly
// started Neo4j takes a fraction of the time all eight take. ?lt is a $before bound; ?desc reads
// from the end (a `last` page), limit+1 nearest $before, in descending order. ?network is the
// network filter without asOf (with asOf, ?asOfNetwork and ?uncertainNetwork check the network
// of the membership that counts).
CALL {
  UNWIND CASE WHEN $withTotal THEN [true] ELSE [] END AS counting
  MATCH (s:School)
  WHERE true
    AND any(n IN [s.name] + coalesce(s.names, []) WHERE toLower(n) CONTAINS toLower($nameContains)) // ?name
    AND EXISTS { (s)-[:IN_CITY]->(:City {key: $cityKey}) } // ?city
    AND EXISTS { (s)-[:IN_CITY]->(:City)-[:IN_COUNTRY]->(:Country {key: $countryKey}) } // ?country
    AND EXISTS { // ?keyArea
      MATCH (s)-[w:WORKS_IN]->(m:KeyArea)<-[ms:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey}) // ?keyArea
      WHERE ($follow OR m.key = $keyAreaKey) AND coalesce(w.basis, 'STATED') IN $keyAreaBases // ?keyArea
        AND all(r IN ms WHERE coalesce(r.basis, 'STATED') IN $keyAreaBases) } // ?keyArea
    AND EXISTS { (s)-[:MEMBER_OF]->(:Network)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?network
    AND EXISTS { // ?asOf
      MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?asOf
      WHERE m.status <> 'CANDIDATE' AND m.sinceTo <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf) // ?asOf
        AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?asOfNetwork
      } // ?asOf
    AND NOT EXISTS { // ?uncertain
      MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?uncertain
      WHERE m.status <> 'CANDIDATE' AND m.sinceTo <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf) // ?uncertain
        AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?uncertainNetwork
      } // ?uncertain
    AND EXISTS { // ?uncertain
      MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?uncertain
      WHERE m.status <> 'CANDIDATE' AND m.sinceFrom <= $asOf AND (m.untilTo IS NULL OR m.untilTo > $asOf) // ?uncertain
        AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?uncertainNetwork
      } // ?uncertain
    AND EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?founding
    AND NOT EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?notFounding
  RETURN count(s) AS total
}
WITH total,
  COLLECT {
    MATCH (s:School)
    WHERE s.sortKey >= coalesce($after[0], '')
      AND ($after IS NULL OR s.sortKey > $after[0] OR s.key > $after[1])
      AND s.sortKey <= $before[0] AND (s.sortKey < $before[0] OR s.key < $before[1]) // ?lt
      AND any(n IN [s.name] + coalesce(s.names, []) WHERE toLower(n) CONTAINS toLower($nameContains)) // ?name
      AND EXISTS { (s)-[:IN_CITY]->(:City {key: $cityKey}) } // ?city
      AND EXISTS { (s)-[:IN_CITY]->(:City)-[:IN_COUNTRY]->(:Country {key: $countryKey}) } // ?country
      AND EXISTS { // ?keyArea
        MATCH (s)-[w:WORKS_IN]->(m:KeyArea)<-[ms:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey}) // ?keyArea
        WHERE ($follow OR m.key = $keyAreaKey) AND coalesce(w.basis, 'STATED') IN $keyAreaBases // ?keyArea
        AND all(r IN ms WHERE coalesce(r.basis, 'STATED') IN $keyAreaBases) } // ?keyArea
      AND EXISTS { (s)-[:MEMBER_OF]->(:Network)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?network
      AND EXISTS { // ?asOf
        MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?asOf
        WHERE m.status <> 'CANDIDATE' AND m.sinceTo <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf) // ?asOf
          AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?asOfNetwork
        } // ?asOf
      AND NOT EXISTS { // ?uncertain
        MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?uncertain
        WHERE m.status <> 'CANDIDATE' AND m.sinceTo <= $asOf AND (m.untilFrom IS NULL OR m.untilFrom > $asOf) // ?uncertain
          AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?uncertainNetwork
        } // ?uncertain
      AND EXISTS { // ?uncertain
        MATCH (s)-[m:MEMBER_OF]->(n:Network) // ?uncertain
        WHERE m.status <> 'CANDIDATE' AND m.sinceFrom <= $asOf AND (m.untilTo IS NULL OR m.untilTo > $asOf) // ?uncertain
          AND EXISTS { (n)-[:PART_OF*0..]->(:Network {key: $networkKey}) } // ?uncertainNetwork
        } // ?uncertain
      AND EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?founding
      AND NOT EXISTS { (s)-[:MEMBER_OF {founding: true}]->(:Network) } // ?notFounding
    RETURN s ORDER BY
      s.sortKey DESC, s.key DESC, // ?desc
      s.sortKey, s.key
    LIMIT $limit + 1
  } AS page
RETURN CASE WHEN $withTotal THEN total END AS total, page,
  CASE WHEN $withCities THEN [s IN page | COLLECT {
    MATCH (s)-[:IN_CITY]->(c:City) WITH DISTINCT c RETURN c ORDER BY c.sortKey, c.key
  }] END AS cities
