// Query.events: a page of the events that match a filter, oldest first, then by name.
// Parameters: $keyAreaKey, $organizerKey, $venueKey (String or null); $from, $to (Date or
// null: the first day of the filter's from, the last day of its to); $gt, $lt ([date, sortKey
// (the name's collation key), key] or null: the page's events sort after $gt and before $lt,
// oldest first, whichever order the page is in); $limit (Int); $follow (Boolean: keyAreaKey includes the areas it maps to);
// $keyAreaBases (list of String: the bases of the IN_KEY_AREA and MAPS_TO links to follow);
// $dateLo, $dateHi (String: bounds on the date strings of the page's events, from the cursor
// and from $to, so that without a key area only the event_date index's entries within them
// are read); $withTotal (Boolean: count every matching event). An event matches a range when the days it covers (dateFrom
// to endDateTo, or dateTo) meet the range's days.
// Returns: total (all matching events; null unless $withTotal), page (Event nodes, at most
// limit+1). With a key area, the events are read from the area rather than from every event,
// and the page is the top limit+1 of them, without sorting the rest.
// A line that ends with "// ?name" is sent only when its condition holds (see composed in
// cypher.go): ?keyArea or ?byDate (no key area), ?organizer, ?venue, ?from, ?to, ?gt and
// ?lt (the bounds), ?desc (read newest first: a newest-first page, or an oldest-first page
// taken from its end with `last`).
CALL {
  UNWIND CASE WHEN $withTotal THEN [true] ELSE [] END AS counting
  MATCH (:KeyArea {key: $keyAreaKey})-[ms:MAPS_TO*0..]->(m:KeyArea)<-[k:IN_KEY_AREA]-(e:Event) // ?keyArea
  WHERE ($follow OR m.key = $keyAreaKey) AND coalesce(k.basis, 'STATED') IN $keyAreaBases // ?keyArea
    AND all(r IN ms WHERE coalesce(r.basis, 'STATED') IN $keyAreaBases) // ?keyArea
  WITH DISTINCT e // ?keyArea
  MATCH (e:Event) // ?byDate
  WITH e
  WHERE true
    AND EXISTS { (e)-[:ORGANIZED_BY]->(:Organization {key: $organizerKey}) } // ?organizer
    AND EXISTS { (e)-[:HELD_AT]->(:School {key: $venueKey}) } // ?venue
    AND coalesce(e.endDateTo, e.dateTo) >= $from // ?from
    AND e.dateFrom <= $to // ?to
  RETURN count(e) AS total
}
RETURN CASE WHEN $withTotal THEN total END AS total,
  COLLECT {
    MATCH (:KeyArea {key: $keyAreaKey})-[ms:MAPS_TO*0..]->(m:KeyArea)<-[k:IN_KEY_AREA]-(e:Event) // ?keyArea
    WHERE ($follow OR m.key = $keyAreaKey) AND coalesce(k.basis, 'STATED') IN $keyAreaBases // ?keyArea
    AND all(r IN ms WHERE coalesce(r.basis, 'STATED') IN $keyAreaBases) // ?keyArea
    WITH DISTINCT e // ?keyArea
    MATCH (e:Event) WHERE e.date >= $dateLo AND e.date <= $dateHi // ?byDate
    WITH e
    WHERE true
      AND EXISTS { (e)-[:ORGANIZED_BY]->(:Organization {key: $organizerKey}) } // ?organizer
      AND EXISTS { (e)-[:HELD_AT]->(:School {key: $venueKey}) } // ?venue
      AND coalesce(e.endDateTo, e.dateTo) >= $from // ?from
      AND e.dateFrom <= $to // ?to
      AND (e.date > $gt[0] OR (e.date = $gt[0] // ?gt
        AND (e.sortKey > $gt[1] OR (e.sortKey = $gt[1] AND e.key > $gt[2])))) // ?gt
      AND (e.date < $lt[0] OR (e.date = $lt[0] // ?lt
        AND (e.sortKey < $lt[1] OR (e.sortKey = $lt[1] AND e.key < $lt[2])))) // ?lt
    RETURN e ORDER BY
      e.date DESC, e.sortKey DESC, e.key DESC, // ?desc
      e.date, e.sortKey, e.key
    LIMIT $limit + 1
  } AS page
