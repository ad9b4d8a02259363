package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// The writes of schools: createSchool, updateSchool and deleteSchool.

func TestCreateSchoolValidationNamesTheField(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	with := func(k string, v any) map[string]any {
		in := schoolInput("Valid School")
		if v == nil {
			delete(in, k)
		} else {
			in[k] = v
		}
		return in
	}
	tests := []struct {
		name  string
		in    map[string]any
		field string
	}{
		{"ErrNameEmpty", with("name", "   "), "input.name"},
		{"ErrNameTooLong", with("name", strings.Repeat("n", 201)), "input.name"},
		{"ErrSinceUnparsable", with("since", "2019-13"), "since"},
		{"ErrSinceInFuture", with("since", fmt.Sprint(time.Now().Year()+1)), "input.since"},
		{"ErrNetworkUnknown", with("networkId", id(aspnet.KindNetwork, "no-such-network")), "input.networkId"},
		{"ErrNetworkWrongKind", with("networkId", id(aspnet.KindSchool, "school-almaty-best")), "input.networkId"},
		{"ErrKeyAreaUnknown", with("keyAreaIds", []string{id(aspnet.KindKeyArea, "ka-none")}), "input.keyAreaIds"},
		{"ErrKeyAreaMalformed", with("keyAreaIds", []string{"%%%"}), "input.keyAreaIds"},
		{"ErrSourceNotURL", with("source", "ftp://example.org/x"), "input.source"},
		{"ErrSourceUnknownID", with("source", id(aspnet.KindSource, "src-none")), "input.source"},
		{"ErrQuoteTooLong", with("quote", strings.Repeat("q", 2001)), "input.quote"},
		{"ErrCityWithoutCountry", with("countryName", nil), "input.countryName"},
		{"ErrStatusWithoutNetwork", with("networkId", nil), "input.since"},
	}
	before := snapshot(t, s)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ed.post(t, createSchool, map[string]any{"in": tc.in})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, tc.field) {
				t.Errorf("got %s, want BAD_USER_INPUT naming %s", r.raw, tc.field)
			}
		})
	}
	if after := snapshot(t, s); after != before {
		t.Error("a refused write changed the graph")
	}
}

type writtenSchool struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	City struct {
		Name    string `json:"name"`
		Country struct {
			Name string `json:"name"`
		} `json:"country"`
	} `json:"city"`
	Memberships []struct {
		Status  string `json:"status"`
		Since   string `json:"since"`
		Network struct {
			ID string `json:"id"`
		} `json:"network"`
		Citations []citation `json:"citations"`
	} `json:"memberships"`
	KeyAreas []struct {
		ID string `json:"id"`
	} `json:"keyAreas"`
	Citations []struct {
		Quote    string  `json:"quote"`
		Property *string `json:"property"`
		Source   struct {
			ID    string `json:"id"`
			Title string `json:"title"`
			URL   string `json:"url"`
		} `json:"source"`
	} `json:"citations"`
}

const schoolFields = `id name city { name country { name } }
  memberships { status since network { id } citations { quote source { id title } } }
  keyAreas { id } citations { quote property source { id title url } }`

func TestCreateUpdateDeleteSchool(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	in := schoolInput("School No. 200")

	r := ed.post(t, `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { `+schoolFields+` } }`, map[string]any{"in": in})
	created := decode[struct {
		CreateSchool writtenSchool `json:"createSchool"`
	}](t, r).CreateSchool
	sc := decode[struct {
		Node writtenSchool `json:"node"`
	}](t, ed.anonymous().post(t, `query($id: ID!) { node(id: $id) { ... on School { `+schoolFields+` } } }`, map[string]any{"id": created.ID})).Node
	t.Run("OKCreateReadsBack", func(t *testing.T) {
		if sc.ID != created.ID || sc.Name != "School No. 200" || sc.City.Name != "Testgrad" || sc.City.Country.Name != "Kazakhstan" {
			t.Errorf("school %+v (the country must be the existing Kazakhstan)", sc)
		}
		if len(sc.Citations) != 1 || sc.Citations[0].Quote != in["quote"] || sc.Citations[0].Source.URL != in["source"] || sc.Citations[0].Source.Title != in["source"] {
			t.Errorf("citations %+v", sc.Citations)
		}
		if len(sc.Memberships) != 1 || sc.Memberships[0].Status != "CANDIDATE" || sc.Memberships[0].Since != "2019-09" ||
			sc.Memberships[0].Network.ID != in["networkId"] || len(sc.Memberships[0].Citations) != 1 || sc.Memberships[0].Citations[0].Quote != in["quote"] {
			t.Errorf("memberships %+v", sc.Memberships)
		}
		if len(sc.KeyAreas) != 1 || sc.KeyAreas[0].ID != id(aspnet.KindKeyArea, "ka-gced") {
			t.Errorf("key areas %+v", sc.KeyAreas)
		}
	})
	t.Run("OKUpdateRenamesAndCites", func(t *testing.T) {
		r := ed.post(t, `mutation($id: ID!, $in: UpdateSchoolInput!) { updateSchool(id: $id, input: $in) { `+schoolFields+` } }`,
			map[string]any{"id": created.ID, "in": map[string]any{"name": "  Gymnasium No. 200 ", "source": id(aspnet.KindSource, seedSource), "quote": "Renamed in 2020."}})
		up := decode[struct {
			UpdateSchool writtenSchool `json:"updateSchool"`
		}](t, r).UpdateSchool
		if up.Name != "Gymnasium No. 200" || len(up.Citations) != 2 || up.Citations[1].Quote != "Renamed in 2020." ||
			up.Citations[1].Source.ID != id(aspnet.KindSource, seedSource) || up.Citations[1].Property == nil || *up.Citations[1].Property != "name" ||
			up.City.Name != "Testgrad" {
			t.Errorf("updated %+v", up)
		}
	})
	t.Run("OKDeleteRemovesRelationshipsKeepsSource", func(t *testing.T) {
		_, key, _ := aspnet.DecodeID(created.ID)
		r := ed.post(t, deleteSchoolQ, map[string]any{"id": created.ID, "source": "https://example.org/closures"})
		if got := decode[struct {
			DeleteSchool string `json:"deleteSchool"`
		}](t, r).DeleteSchool; got != created.ID {
			t.Errorf("deleteSchool returned %q", got)
		}
		r = ed.anonymous().post(t, `query($id: ID!) { node(id: $id) { id } sources { url } }`, map[string]any{"id": created.ID})
		got := decode[struct {
			Node    *struct{ ID string } `json:"node"`
			Sources []struct{ URL *string }
		}](t, r)
		if got.Node != nil {
			t.Errorf("the school is still there")
		}
		kept := false
		for _, src := range got.Sources {
			kept = kept || (src.URL != nil && *src.URL == in["source"])
		}
		if !kept {
			t.Error("the Source the school cited was deleted")
		}
		if strings.Contains(snapshot(t, s), key) {
			t.Error("a relationship of the deleted school remains")
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, bad := range []string{created.ID, "%%%", id(aspnet.KindNetwork, "aspnet-kz")} {
			r := ed.post(t, deleteSchoolQ, map[string]any{"id": bad, "source": "https://example.org/closures"})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
				t.Errorf("delete %s: got %s", bad, r.raw)
			}
		}
	})
}

// TestCreateSchoolRoundTrips: a createSchool request runs at most three Cypher statements,
// whether it makes the school with a new country, city and Source, finds it already there,
// or is refused for a reference to nothing; and the request's log line says as many.
func TestCreateSchoolRoundTrips(t *testing.T) {
	s := writable(t)
	var logs bytes.Buffer
	ed := editor(t, s, &logs)
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
			ctx, n := aspnet.WithRoundTripCounter(context.Background())
			r := ed.withContext(ctx).post(t, createSchool, map[string]any{"in": tc.in})
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
	ed := editor(t, s, &logs)
	in := schoolInNewPlace("Selection School", "Selville", "Selland", "https://example.org/selection")
	const fields = `id name city { name country { name } } keyAreas { name } memberships { network { name } status }`
	ctx, n := aspnet.WithRoundTripCounter(context.Background())
	r := ed.withContext(ctx).post(t, `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { `+fields+` } }`, map[string]any{"in": in})
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
	after := ed.anonymous().post(t, `query($id: ID!) { node(id: $id) { ... on School { `+fields+` } } }`,
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
