// The identities of events (the name lowercased and trimmed, '|', the date as given),
// organisations and key areas (the name lowercased and trimmed), set by the API's writes, the
// importer and the load of data/ alike. Unique, so that concurrent creates of one entity make
// one node (the API's creates merge on them).
CREATE CONSTRAINT event_identity IF NOT EXISTS FOR (n:Event) REQUIRE n.identity IS UNIQUE;
CREATE CONSTRAINT organization_identity IF NOT EXISTS FOR (n:Organization) REQUIRE n.identity IS UNIQUE;
CREATE CONSTRAINT key_area_identity IF NOT EXISTS FOR (n:KeyArea) REQUIRE n.identity IS UNIQUE;
// Entities written before identities existed get theirs; where several share one, the first by
// key gets it and the others stay without.
MATCH (n:Event) WHERE n.identity IS NULL AND n.name IS NOT NULL AND n.date IS NOT NULL
WITH toLower(trim(n.name)) + '|' + n.date AS identity, n ORDER BY n.key
WITH identity, collect(n)[0] AS first
WHERE NOT EXISTS { MATCH (:Event {identity: identity}) }
SET first.identity = identity;
MATCH (n:Organization) WHERE n.identity IS NULL AND n.name IS NOT NULL
WITH toLower(trim(n.name)) AS identity, n ORDER BY n.key
WITH identity, collect(n)[0] AS first
WHERE NOT EXISTS { MATCH (:Organization {identity: identity}) }
SET first.identity = identity;
MATCH (n:KeyArea) WHERE n.identity IS NULL AND n.name IS NOT NULL
WITH toLower(trim(n.name)) AS identity, n ORDER BY n.key
WITH identity, collect(n)[0] AS first
WHERE NOT EXISTS { MATCH (:KeyArea {identity: identity}) }
SET first.identity = identity
