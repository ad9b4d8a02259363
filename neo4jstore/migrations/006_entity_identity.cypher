// The identities of events (the name lowercased and trimmed, '|', the date as given),
// organisations and key areas (the name lowercased and trimmed), set by the API's writes, the
// importer and the load of data/ alike. Unique, so that concurrent creates of one entity make
// one node (the API's creates merge on them). Entities written before identities existed get
// theirs from Migrate, which makes them in Go (see identity.go).
CREATE CONSTRAINT event_identity IF NOT EXISTS FOR (n:Event) REQUIRE n.identity IS UNIQUE;
CREATE CONSTRAINT organization_identity IF NOT EXISTS FOR (n:Organization) REQUIRE n.identity IS UNIQUE;
CREATE CONSTRAINT key_area_identity IF NOT EXISTS FOR (n:KeyArea) REQUIRE n.identity IS UNIQUE
