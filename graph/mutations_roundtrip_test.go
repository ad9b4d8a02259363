package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// TestCreateSchoolRoundTrips: a createSchool request runs at most three Cypher statements,
// whether it makes the school with a new country, city and Source, finds it already there,
// or is refused for a reference to nothing; and the request's log line says as many.
func TestCreateSchoolRoundTrips(t *testing.T) {
	s := writable(t)
	var logs bytes.Buffer
	h := authHandler(s, &logs, auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	fresh := schoolInNewPlace("Round Trip School", "Tripville", "Tripland", "https://example.org/trips")
	tests := []struct {
		name string
		in   map[string]any
		code string
	}{
		{"OKNewEverything", fresh, ""},
		{"OKExisting", fresh, ""},
		{"OKLoadedSchool", map[string]any{"name": "BEST school", "cityName": "Almaty", "countryName": "Kazakhstan", "source": id(aspnet.KindSource, seedSource)}, ""},
		{"OKNoCity", map[string]any{"name": "Placeless School", "source": srcURL}, ""},
		{"ErrUnknownKeyArea", with(fresh, "keyAreaIds", []string{id(aspnet.KindKeyArea, "ka-none")}), "BAD_USER_INPUT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			ctx, n := neo4jstore.WithRoundTripCounter(context.Background())
			r := postAsIn(t, ctx, h, auth, createSchool, map[string]any{"in": tc.in})
			if tc.code == "" && len(r.Errors) != 0 || tc.code != "" && (len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code) {
				t.Fatalf("got %s, want code %q", r.raw, tc.code)
			}
			t.Logf("%d Cypher round trips", n.Load())
			if got := n.Load(); got < 1 || got > 3 {
				t.Errorf("%d Cypher round trips, want 1 to 3", got)
			}
			var line struct {
				Trips int64 `json:"cypher_round_trips"`
			}
			for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
				if strings.Contains(l, `"msg":"graphql"`) {
					_ = json.Unmarshal([]byte(l), &line)
				}
			}
			if line.Trips != n.Load() {
				t.Errorf("the log line says %d round trips, the counter %d: %s", line.Trips, n.Load(), logs.String())
			}
		})
	}
}

// TestCreateSchoolReadsItsSelectionInOne: whatever the result's selection reaches of the
// school's city, country, key areas and memberships is read in one statement after the two of
// the write, and equals what node(id:) answers for the school afterwards.
func TestCreateSchoolReadsItsSelectionInOne(t *testing.T) {
	s := writable(t)
	var logs bytes.Buffer
	h := authHandler(s, &logs, auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	in := schoolInNewPlace("Selection School", "Selville", "Selland", "https://example.org/selection")
	const fields = `id name city { name country { name } } keyAreas { name } memberships { network { name } status }`
	ctx, n := neo4jstore.WithRoundTripCounter(context.Background())
	r := postAsIn(t, ctx, h, auth, `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { `+fields+` } }`, map[string]any{"in": in})
	if len(r.Errors) != 0 {
		t.Fatalf("errors: %s\n%s", r.raw, logs.String())
	}
	if got := n.Load(); got != 3 {
		t.Errorf("%d Cypher round trips, want 3 (two for the write, one for the selection)", got)
	}
	var created struct {
		CreateSchool map[string]any
	}
	if err := json.Unmarshal(r.Data, &created); err != nil {
		t.Fatal(err)
	}
	after := post(t, context.Background(), h, `query($id: ID!) { node(id: $id) { ... on School { `+fields+` } } }`,
		map[string]any{"id": created.CreateSchool["id"]})
	var read struct {
		Node map[string]any
	}
	if err := json.Unmarshal(after.Data, &read); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(created.CreateSchool, read.Node) {
		t.Errorf("createSchool answered\n%v\nnode(id:) reads\n%v", created.CreateSchool, read.Node)
	}
	if city, _ := created.CreateSchool["city"].(map[string]any); city == nil || city["name"] != "Selville" {
		t.Errorf("city: %v", created.CreateSchool["city"])
	}
}

// schoolInNewPlace is createSchool's input for a school in a city and country the graph does
// not hold yet, citing a new URL, working in two key areas.
func schoolInNewPlace(name, city, country, url string) map[string]any {
	in := schoolInput(name)
	in["cityName"], in["countryName"], in["source"] = city, country, url
	in["keyAreaIds"] = []string{id(aspnet.KindKeyArea, "ka-gced"), id(aspnet.KindKeyArea, "ka-esd")}
	return in
}
