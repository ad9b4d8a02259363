package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// TestCreateSchoolRoundTrips: a createSchool request runs at most three Cypher statements,
// whether it makes the school with a new country, city and Source, finds it already there,
// or is refused for a reference to nothing; and the request's log line says as many.
func TestCreateSchoolRoundTrips(t *testing.T) {
	s := writable(t)
	var logs bytes.Buffer
	h := authHandler(s, &logs, graph.Auth{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{graph.RoleEditor}, time.Hour, time.Now())
	fresh := schoolInput("Round Trip School")
	fresh["cityName"], fresh["countryName"], fresh["source"] = "Tripville", "Tripland", "https://example.org/trips"
	fresh["keyAreaIds"] = []string{id(aspnet.KindKeyArea, "ka-gced"), id(aspnet.KindKeyArea, "ka-esd")}
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
