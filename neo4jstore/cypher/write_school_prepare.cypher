// The first statement of createSchool: checks what the school refers to and, in the same round
// trip, finds or makes the Source of the URL it cites and its country and city (by name,
// case-insensitively, the first by key; else made with the keys given, with the write's
// citation). The caller rolls the transaction back when a check fails, so what this wrote
// then goes too.
// Parameters: $network (String or null), $keyAreas (list of String), $source (String or null:
// the key of a Source cited by ID), $url (String or null: a URL cited), $urlKey (String: the
// key of the Source made for $url), $by (String), $at (DateTime), $cityName (String or null),
// $countryName (String), $countryKey, $cityKey (String: the keys of a country and city made),
// $urlSortKey, $countrySortKey, $citySortKey (the collation keys of the URL, as the title of a
// Source made for it, and of the names; null where there is none),
// $cite (Map: origin, citeSources (replaced by the source's key), citeQuotes, citeProperties,
// editedBy, editedAt).
// Returns: one row: network, source (Boolean: none given or it exists), missingKeyAreas (the
// keys of $keyAreas that no KeyArea has), sourceKey (the cited Source's key) and city (the
// City's key, null without $cityName).
WITH
  $network IS NULL OR EXISTS { MATCH (:Network {key: $network}) } AS network,
  $source IS NULL OR EXISTS { MATCH (:Source {key: $source}) } AS source,
  [k IN $keyAreas WHERE NOT EXISTS { MATCH (:KeyArea {key: k}) }] AS missingKeyAreas
OPTIONAL CALL () {
  OPTIONAL MATCH (known:Source {url: $url})
  WITH known ORDER BY known.key LIMIT 1
  WITH known WHERE $url IS NOT NULL
  MERGE (s:Source {key: coalesce(known.key, $urlKey)})
    ON CREATE SET s.url = $url, s.title = $url, s.sortKey = $urlSortKey, s.origin = 'api', s.editedBy = $by, s.editedAt = $at
  RETURN s.key AS urlSource
}
WITH network, source, missingKeyAreas, $cite AS cite0, coalesce(urlSource, $source) AS sourceKey
WITH network, source, missingKeyAreas, sourceKey, cite0 {.*, citeSources: [sourceKey]} AS cite
OPTIONAL CALL (cite) {
  OPTIONAL MATCH (known:Country) WHERE known.key IS NOT NULL AND toLower(known.name) = toLower($countryName)
  WITH cite, known ORDER BY known.key LIMIT 1
  WITH cite, known WHERE $cityName IS NOT NULL
  MERGE (c:Country {key: coalesce(known.key, $countryKey)})
    ON CREATE SET c = cite, c.key = $countryKey, c.name = $countryName, c.sortKey = $countrySortKey
  WITH cite, c
  OPTIONAL MATCH (knownCity:City)-[:IN_COUNTRY]->(c) WHERE toLower(knownCity.name) = toLower($cityName)
  WITH cite, c, knownCity ORDER BY knownCity.key LIMIT 1
  MERGE (ci:City {key: coalesce(knownCity.key, $cityKey)})
    ON CREATE SET ci = cite, ci.key = $cityKey, ci.name = $cityName, ci.sortKey = $citySortKey
  MERGE (ci)-[r:IN_COUNTRY]->(c)
    ON CREATE SET r = cite, r.key = ci.key + '|IN_COUNTRY|' + c.key
  RETURN ci.key AS city
}
RETURN network, source, missingKeyAreas, sourceKey, city
