// Writes imported events. An event is the one the graph has with the same identity
// (aspnet.EventIdentity), whatever wrote it, or else one made with the row's name and key newKey (newKey and a random suffix when newKey is taken by an event
// since renamed); merging on the identity, unique by event_identity, makes concurrent imports
// and creates of one event make one. It is given the row's properties (those the row leaves
// out stay as they are), the row's citation unless it has it already, and each link the row
// names, made unless there is one: IN_CITY, HELD_AT (venue), ORGANIZED_BY, IN_KEY_AREA and
// PARTICIPANT (schools, networks, countries), list links numbered after the event's others.
// Parameters: $rows (list of {newKey: String, identity: String, name: String, sortKey: String
// (its collation key), props: Map (date, dateFrom, dateTo at least), city: String or null, venue: String or null, organizers, keyAreas,
// schools, networks, countries: lists of String (keys), source: String, quote: String}),
// $meta (Map: origin, editedBy, editedAt).
// Returns: outcome ('created', 'updated' or 'unchanged'), n (rows with that outcome).
UNWIND $rows AS row
OPTIONAL MATCH (old:Event {identity: row.identity})
WITH row, old,
  old IS NOT NULL AND any(i IN range(0, size(coalesce(old.citeSources, [])) - 1)
    WHERE old.citeSources[i] = row.source AND coalesce(old.citeQuotes[i], '') = row.quote
      AND coalesce(old.citeProperties[i], '') = '') AS cited,
  old IS NOT NULL AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], false)) AS same,
  CASE WHEN old IS NULL THEN 0
    ELSE COUNT { (old)-[:IN_CITY|HELD_AT|ORGANIZED_BY|IN_KEY_AREA|PARTICIPANT]->() } END AS before,
  EXISTS { MATCH (:Event {key: row.newKey}) } AS keyTaken
MERGE (e:Event {identity: row.identity})
  ON CREATE SET e += $meta, e.name = row.name, e.sortKey = row.sortKey, e.citeSources = [], e.citeQuotes = [], e.citeProperties = [],
    e.key = CASE WHEN keyTaken THEN row.newKey + '-' + randomUUID() ELSE row.newKey END
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET e += row.props)
WITH row, e, old, cited, same, before
CALL (row, e) {
  MATCH (c:City {key: row.city})
  MERGE (e)-[r:IN_CITY {key: e.key + '|IN_CITY|' + c.key}]->(c)
    ON CREATE SET r += $meta, r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
CALL (row, e) {
  MATCH (v:School {key: row.venue})
  MERGE (e)-[r:HELD_AT {key: e.key + '|HELD_AT|' + v.key}]->(v)
    ON CREATE SET r += $meta, r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
CALL (row, e) {
  WITH row, e, COUNT { (e)-[:ORGANIZED_BY]->() } AS n
  UNWIND range(0, size(row.organizers) - 1) AS i
  MATCH (o:Organization {key: row.organizers[i]})
  MERGE (e)-[r:ORGANIZED_BY {key: e.key + '|ORGANIZED_BY|' + o.key}]->(o)
    ON CREATE SET r += $meta, r.order = n + i + 1,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
CALL (row, e) {
  WITH row, e, COUNT { (e)-[:IN_KEY_AREA]->() } AS n
  UNWIND range(0, size(row.keyAreas) - 1) AS i
  MATCH (ka:KeyArea {key: row.keyAreas[i]})
  MERGE (e)-[r:IN_KEY_AREA {key: e.key + '|IN_KEY_AREA|' + ka.key}]->(ka)
    ON CREATE SET r += $meta, r.order = n + i + 1,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
CALL (row, e) {
  WITH row, e, COUNT { (e)-[:PARTICIPANT]->(:School) } AS n
  UNWIND range(0, size(row.schools) - 1) AS i
  MATCH (p:School {key: row.schools[i]})
  MERGE (e)-[r:PARTICIPANT {key: e.key + '|PARTICIPANT|' + p.key}]->(p)
    ON CREATE SET r += $meta, r.order = n + i + 1,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
CALL (row, e) {
  WITH row, e, COUNT { (e)-[:PARTICIPANT]->(:Network) } AS n
  UNWIND range(0, size(row.networks) - 1) AS i
  MATCH (p:Network {key: row.networks[i]})
  MERGE (e)-[r:PARTICIPANT {key: e.key + '|PARTICIPANT|' + p.key}]->(p)
    ON CREATE SET r += $meta, r.order = n + i + 1,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
CALL (row, e) {
  WITH row, e, COUNT { (e)-[:PARTICIPANT]->(:Country) } AS n
  UNWIND range(0, size(row.countries) - 1) AS i
  MATCH (p:Country {key: row.countries[i]})
  MERGE (e)-[r:PARTICIPANT {key: e.key + '|PARTICIPANT|' + p.key}]->(p)
    ON CREATE SET r += $meta, r.order = n + i + 1,
      r.citeSources = [row.source], r.citeQuotes = [row.quote], r.citeProperties = ['']
}
WITH row, e, old, cited, same,
  before <> COUNT { (e)-[:IN_CITY|HELD_AT|ORGANIZED_BY|IN_KEY_AREA|PARTICIPANT]->() } AS linked
FOREACH (_ IN CASE WHEN cited THEN [] ELSE [1] END |
  SET e.citeSources = coalesce(e.citeSources, []) + row.source,
      e.citeQuotes = coalesce(e.citeQuotes, []) + row.quote,
      e.citeProperties = coalesce(e.citeProperties, []) + '')
FOREACH (_ IN CASE WHEN old IS NULL OR (cited AND same AND NOT linked) THEN [] ELSE [1] END |
  SET e.editedBy = $meta.editedBy, e.editedAt = $meta.editedAt)
WITH CASE WHEN old IS NULL THEN 'created' WHEN cited AND same AND NOT linked THEN 'unchanged' ELSE 'updated' END AS outcome
RETURN outcome, count(*) AS n
