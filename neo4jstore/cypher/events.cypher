// Query.events: a page of the events that match a filter, oldest first, then by name.
// Parameters: $keyAreaKey, $organizerKey, $venueKey (String or null); $from, $to (Date or
// null: the first day of the filter's from, the last day of its to); $after ([date, name,
// key] or null); $limit (Int); $follow (Boolean: keyAreaKey includes the areas it maps to);
// $desc (Boolean: newest first, the whole order reversed); $dateLo, $dateHi (String: bounds
// on the date strings of the page's events, from the cursor and from $to, so that without a
// key area only the event_date index's entries within them are read); $withTotal (Boolean:
// count every matching event). An event matches a range when the days it covers (dateFrom
// to endDateTo, or dateTo) meet the range's days.
// Returns: total (all matching events; null unless $withTotal), page (Event nodes, at most
// limit+1). With a key area, the events are read from the area rather than from every event,
// and the page is the top limit+1 of them, without sorting the rest.
CALL {
  UNWIND CASE WHEN $withTotal THEN [true] ELSE [] END AS counting
  CALL {
    MATCH (:KeyArea {key: $keyAreaKey})-[:MAPS_TO*0..]->(m:KeyArea)<-[:IN_KEY_AREA]-(e:Event)
    WHERE $follow OR m.key = $keyAreaKey
    RETURN DISTINCT e
    UNION
    UNWIND CASE WHEN $keyAreaKey IS NULL THEN [true] ELSE [] END AS unanchored
    MATCH (e:Event)
    RETURN e
  }
  WITH e
  WHERE ($organizerKey IS NULL OR EXISTS { (e)-[:ORGANIZED_BY]->(:Organization {key: $organizerKey}) })
    AND ($venueKey IS NULL OR EXISTS { (e)-[:HELD_AT]->(:School {key: $venueKey}) })
    AND ($from IS NULL OR coalesce(e.endDateTo, e.dateTo) >= $from)
    AND ($to IS NULL OR e.dateFrom <= $to)
  RETURN count(e) AS total
}
RETURN CASE WHEN $withTotal THEN total END AS total,
  COLLECT {
    CALL {
      MATCH (:KeyArea {key: $keyAreaKey})-[:MAPS_TO*0..]->(m:KeyArea)<-[:IN_KEY_AREA]-(e:Event)
      WHERE $follow OR m.key = $keyAreaKey
      RETURN DISTINCT e
      UNION
      UNWIND CASE WHEN $keyAreaKey IS NULL THEN [true] ELSE [] END AS unanchored
      MATCH (e:Event) WHERE e.date >= $dateLo AND e.date <= $dateHi
      RETURN e
    }
    WITH e
    WHERE ($organizerKey IS NULL OR EXISTS { (e)-[:ORGANIZED_BY]->(:Organization {key: $organizerKey}) })
      AND ($venueKey IS NULL OR EXISTS { (e)-[:HELD_AT]->(:School {key: $venueKey}) })
      AND ($from IS NULL OR coalesce(e.endDateTo, e.dateTo) >= $from)
      AND ($to IS NULL OR e.dateFrom <= $to)
      AND ($after IS NULL
        OR (NOT $desc AND (e.date > $after[0]
          OR (e.date = $after[0] AND (e.name > $after[1] OR (e.name = $after[1] AND e.key > $after[2])))))
        OR ($desc AND (e.date < $after[0]
          OR (e.date = $after[0] AND (e.name < $after[1] OR (e.name = $after[1] AND e.key < $after[2]))))))
    RETURN e ORDER BY
      CASE WHEN $desc THEN e.date END DESC, CASE WHEN $desc THEN e.name END DESC, CASE WHEN $desc THEN e.key END DESC,
      e.date, e.name, e.key
    LIMIT $limit + 1
  } AS page
