// Uniqueness constraints on the key of every label; each also gives the index that lookups by
// key use. Statements are separated by semicolons and idempotent (IF NOT EXISTS).
CREATE CONSTRAINT source_key IF NOT EXISTS FOR (n:Source) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT country_key IF NOT EXISTS FOR (n:Country) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT city_key IF NOT EXISTS FOR (n:City) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT network_key IF NOT EXISTS FOR (n:Network) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT growth_figure_key IF NOT EXISTS FOR (n:GrowthFigure) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT note_key IF NOT EXISTS FOR (n:Note) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT key_area_key IF NOT EXISTS FOR (n:KeyArea) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (n:Claim) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT school_key IF NOT EXISTS FOR (n:School) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT occasion_key IF NOT EXISTS FOR (n:Occasion) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT appeal_key IF NOT EXISTS FOR (n:Appeal) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE
