package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// planParams gives every parameter of every statement a value, so that each can be profiled.
var planParams = map[string]any{
	"keys": []any{"sch-01"}, "rows": []any{}, "nodeKeys": []any{}, "relKeys": []any{},
	"reqs":       []any{map[string]any{"parent": "ka-one", "after": nil, "before": nil, "limit": 1, "i": 0}},
	"networkKey": nil, "keyAreaKey": nil, "cityKey": nil, "countryKey": nil, "nameContains": nil,
	"founding": nil, "organizerKey": nil, "venueKey": nil, "from": nil, "to": nil,
	"after": nil, "before": nil, "gt": nil, "lt": nil, "limit": 1, "follow": true, "bases": aspnet.BasesParam(nil), "keyAreaBases": aspnet.BasesParam(nil), "asOf": nil, "desc": false, "origin": nil,
	"sortBy": "SCHOOLS", "descending": true, "query": "school", "withTotal": true, "withCities": true, "dateLo": "", "dateHi": "~",
	"fromKey": "sch-01", "toKey": "city-a", "maxHops": 6, "key": "sch-01", "depth": 3, "citations": true, "candidate": "CANDIDATE",
	"prefix": "k1:", "prop": "name", "identity": "plan|", "sortKey": "00", "urlSortKey": nil, "countrySortKey": "00", "citySortKey": nil,
	"kinds": []any{"Source", "Country", "City", "Network", "Note", "KeyArea", "Organization", "School", "Occasion", "Appeal", "Event"},
}

func init() {
	// The parameters of the writes, the imports and the removals.
	cite := map[string]any{
		"origin": "api", "citeSources": []any{"src-fixture"}, "citeQuotes": []any{""},
		"citeProperties": []any{""}, "editedBy": "test", "editedAt": time.Now().UTC(),
	}
	for k, v := range map[string]any{
		"school": "sch-01", "newKey": "sch-new", "network": "net-alpha", "keyAreas": []any{"ka-one"}, "source": "src-fixture",
		"url": "https://example.org/a", "by": "test", "at": time.Now().UTC(), "name": "Alphaland",
		"cite": cite, "country": "c-alpha", "city": "city-a", "props": []any{"name"},
		"membership": map[string]any{"status": "MEMBER", "founding": false},
		"urlKey":     "src-url-a", "cityName": "Alpha City", "countryName": "Alphaland", "countryKey": "country-api-alphaland",
		"cityKey": "city-api-alphaland-alpha-city",
		"School":  []any{"sch-01"}, "Network": []any{"net-alpha"}, "City": []any{"city-a"}, "Country": []any{"c-alpha"},
		"Organization": []any{"org-a"}, "Occasion": []any{}, "KeyArea": []any{"ka-one"}, "Event": []any{"ev-year"},
		"Source": []any{"src-fixture"}, "set": map[string]any{"name": "X"}, "replace": true, "ordered": true,
		"relProps": map[string]any{}, "fields": map[string]any{"title": "T", "name": "N", "date": "2016"}, "withDate": true,
		"org": "org-a", "date": "2016", "event": "ev-year", "target": "ev-month", "keyArea": "ka-one", "relKey": "ka-one|AREA_OF|net-alpha|plan",
		"meta":    map[string]any{"origin": "import", "editedBy": "test", "editedAt": time.Now().UTC()},
		"removal": map[string]any{"key": "rm-x", "what": "SCHOOL", "removedBy": "test", "removedAt": time.Now().UTC()},
		"label":   "plan",
	} {
		planParams[k] = v
	}
}

// TestStatementsUseIndexes profiles on every statement: each must compile, and lookups by
// key must seek the key's index rather than scan a label. It plans after the fixture's index
// samples are taken: with the samples of the empty database that Neo4j may still hold right
// after a load, the planner took some key indexes for empty and scanned them (in about three
// runs in four of this test alone, before PrepareForReplanning).
func TestStatementsUseIndexes(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	if err := s.PrepareForReplanning(ctx); err != nil {
		t.Fatal(err)
	}
	scans := map[string]bool{ // statements that read whole labels by design
		"all_networks": true, "all_key_areas": true, "all_organizations": true, "all_countries": true,
		"all_sources": true, "schools": true, "events": true, "snapshot": true, "load_prune": true,
		"key_area_stats":   true, // reads every key area by design
		"search":           true, // a full-text index procedure: no seek shows in the plan
		"sort_key_pending": true, // the migration reads every node of a label that lacks a key
		"identity_pending": true, // the migration reads every node of a label that lacks an identity
	}
	for _, name := range neo4jstore.Queries() {
		if name == "delete_everything" || name == "prepare_for_replanning" { // not in a transaction rolled back
			continue
		}
		t.Run(name, func(t *testing.T) {
			slots := map[string]string{"label": "School", "from": "School", "type": "IN_CITY", "to": "City"}
			ops, err := s.Plan(ctx, name, slots, planParams)
			if err != nil {
				t.Fatalf("PROFILE: %v", err)
			}
			plan := strings.Join(ops, " ")
			if scans[name] {
				return
			}
			if strings.Contains(plan, "AllNodesScan") || strings.Contains(plan, "NodeByLabelScan") {
				t.Errorf("plan scans a label: %s", plan)
			}
			if !strings.Contains(plan, "IndexSeek") {
				t.Errorf("plan seeks no index: %s", plan)
			}
		})
	}
}
