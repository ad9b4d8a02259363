// Query.events: a page of the events that match a filter, oldest first, then by name.
// Parameters: $keyAreaKey, $organizerKey, $venueKey (String or null); $from, $to (Date or
// null: the first day of the filter's from, the last day of its to); $after ([date, name,
// key] or null); $limit (Int); $follow (Boolean: keyAreaKey includes the areas it maps to);
// $desc (Boolean: newest first, the whole order reversed). An event matches a range when the days it covers (dateFrom to
// endDateTo, or dateTo) meet the range's days.
// Returns: total (all matching events), page (Event nodes, at most limit+1).
CALL {
  MATCH (e:Event)
  WHERE ($keyAreaKey IS NULL OR EXISTS {
      MATCH (e)-[:IN_KEY_AREA]->(m:KeyArea)<-[:MAPS_TO*0..]-(:KeyArea {key: $keyAreaKey})
      WHERE $follow OR m.key = $keyAreaKey })
    AND ($organizerKey IS NULL OR EXISTS { (e)-[:ORGANIZED_BY]->(:Organization {key: $organizerKey}) })
    AND ($venueKey IS NULL OR EXISTS { (e)-[:HELD_AT]->(:School {key: $venueKey}) })
    AND ($from IS NULL OR coalesce(e.endDateTo, e.dateTo) >= $from)
    AND ($to IS NULL OR e.dateFrom <= $to)
  RETURN e ORDER BY e.date, e.name, e.key
}
WITH collect(e) AS matching
WITH CASE WHEN $desc THEN reverse(matching) ELSE matching END AS ordered
RETURN size(ordered) AS total,
  [e IN ordered WHERE $after IS NULL
     OR (NOT $desc AND (e.date > $after[0]
       OR (e.date = $after[0] AND (e.name > $after[1] OR (e.name = $after[1] AND e.key > $after[2])))))
     OR ($desc AND (e.date < $after[0]
       OR (e.date = $after[0] AND (e.name < $after[1] OR (e.name = $after[1] AND e.key < $after[2])))))][..$limit + 1] AS page
