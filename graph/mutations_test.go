package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
	"github.com/aspgraph/aspgraph/telemetry"
)

var testSecret = []byte("test-secret-0123456789abcdef0123456789")

// writable connects to the knowledge graph and puts it back as data/ has it when the test
// ends, so that what the test wrote does not reach other tests.
func writable(t *testing.T) *neo4jstore.Store {
	t.Helper()
	s := knowledgeGraph(t)
	t.Cleanup(func() { neo4jtest.Reset(t, s, loaded) })
	return s
}

// authHandler is the GraphQL endpoint over s behind authentication with keys, logging to log.
func authHandler(s graph.Store, log *bytes.Buffer, keys auth.Keys, opts ...graph.Option) http.Handler {
	l := slog.New(slog.NewJSONHandler(log, nil))
	return served(auth.Authenticate(keys, graph.NewHandler(s, l, append(opts, graph.WithObserver(telemetry.Observe(l, nil)))...)))
}

func token(t *testing.T, secret []byte, roles []string, ttl time.Duration, now time.Time) string {
	t.Helper()
	tok, err := auth.MintToken(secret, "alice", roles, ttl, now)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// postAs sends one GraphQL request with an Authorization header (none when auth is "").
func postAs(t *testing.T, h http.Handler, auth, query string, vars map[string]any) response {
	t.Helper()
	return postAsIn(t, context.Background(), h, auth, query, vars)
}

// postAsIn is postAs with the request's context.
func postAsIn(t *testing.T, ctx context.Context, h http.Handler, auth, query string, vars map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("HTTP %d, not JSON: %v\n%s", rec.Code, err, rec.Body)
	}
	r.raw = rec.Body.Bytes()
	return r
}

const (
	createSchool  = `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { id name } }`
	deleteSchoolQ = `mutation($id: ID!, $source: String, $quote: String) { deleteSchool(id: $id, source: $source, quote: $quote) }`
)

func schoolInput(name string) map[string]any {
	return map[string]any{
		"name": name, "cityName": "Testgrad", "countryName": "kazakhstan",
		"networkId": id(aspnet.KindNetwork, "aspnet-kz"), "since": "2019-09", "status": "CANDIDATE",
		"keyAreaIds": []string{id(aspnet.KindKeyArea, "ka-gced")},
		"source":     "https://example.org/aspnet/new-members", "quote": name + " joined in September 2019.",
	}
}

func snapshot(t *testing.T, s *neo4jstore.Store) string {
	t.Helper()
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func TestWritesRefusedWriteNothing(t *testing.T) {
	s := writable(t)
	now := time.Now()
	editor := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now)
	var logs bytes.Buffer
	on := authHandler(s, &logs, auth.Keys{Secret: testSecret})
	off := authHandler(s, &logs, auth.Keys{})
	schoolID := id(aspnet.KindSchool, "school-almaty-best")
	tests := []struct {
		name     string
		h        http.Handler
		auth     string
		code     string
		mentions string
	}{
		{"ErrNoSecretConfigured", off, editor, "FORBIDDEN", "set JWT_SECRET"},
		{"ErrNoToken", on, "", "UNAUTHENTICATED", "missing"},
		{"ErrNotBearer", on, "Basic YWxpY2U6cHc=", "UNAUTHENTICATED", "malformed"},
		{"ErrMalformedToken", on, "Bearer not.a.jwt", "UNAUTHENTICATED", "malformed"},
		{"ErrBadSignature", on, "Bearer " + token(t, []byte("another-secret-0123456789abcdef0123"), []string{aspnet.RoleEditor}, time.Hour, now), "UNAUTHENTICATED", "bad signature"},
		{"ErrExpired", on, "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now.Add(-2*time.Hour)), "UNAUTHENTICATED", "expired"},
		{"ErrNotYetValid", on, "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now.Add(time.Hour)), "UNAUTHENTICATED", "not valid yet"},
		{"ErrNoEditorRole", on, "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, now), "FORBIDDEN", "editor"},
	}
	before := snapshot(t, s)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, op := range []struct {
				query string
				vars  map[string]any
			}{
				{createSchool, map[string]any{"in": schoolInput("Refused School")}},
				{`mutation($id: ID!, $in: UpdateSchoolInput!) { updateSchool(id: $id, input: $in) { id } }`,
					map[string]any{"id": schoolID, "in": map[string]any{"name": "Renamed", "source": "https://example.org/x"}}},
				{deleteSchoolQ, map[string]any{"id": schoolID, "source": "https://example.org/closures"}},
			} {
				r := postAs(t, tc.h, tc.auth, op.query, op.vars)
				if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code || !strings.Contains(r.Errors[0].Message, tc.mentions) {
					t.Errorf("got %s, want %s mentioning %q", r.raw, tc.code, tc.mentions)
				}
			}
			if after := snapshot(t, s); after != before {
				t.Error("a refused write changed the graph")
			}
		})
	}
	for _, tc := range tests {
		if tok := strings.TrimPrefix(tc.auth, "Bearer "); tok != "" && strings.Contains(logs.String(), tok) {
			t.Errorf("%s: the log shows the token", tc.name)
		}
	}
}

func TestCreateSchoolValidationNamesTheField(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
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
			r := postAs(t, h, auth, createSchool, map[string]any{"in": tc.in})
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
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	in := schoolInput("School No. 200")

	r := postAs(t, h, auth, `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { `+schoolFields+` } }`, map[string]any{"in": in})
	created := decode[struct {
		CreateSchool writtenSchool `json:"createSchool"`
	}](t, r).CreateSchool
	sc := decode[struct {
		Node writtenSchool `json:"node"`
	}](t, postAs(t, h, "", `query($id: ID!) { node(id: $id) { ... on School { `+schoolFields+` } } }`, map[string]any{"id": created.ID})).Node
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
		r := postAs(t, h, auth, `mutation($id: ID!, $in: UpdateSchoolInput!) { updateSchool(id: $id, input: $in) { `+schoolFields+` } }`,
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
		r := postAs(t, h, auth, deleteSchoolQ, map[string]any{"id": created.ID, "source": "https://example.org/closures"})
		if got := decode[struct {
			DeleteSchool string `json:"deleteSchool"`
		}](t, r).DeleteSchool; got != created.ID {
			t.Errorf("deleteSchool returned %q", got)
		}
		r = postAs(t, h, "", `query($id: ID!) { node(id: $id) { id } sources { url } }`, map[string]any{"id": created.ID})
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
			r := postAs(t, h, auth, deleteSchoolQ, map[string]any{"id": bad, "source": "https://example.org/closures"})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
				t.Errorf("delete %s: got %s", bad, r.raw)
			}
		}
	})
}

func TestConcurrentCreatesMakeOneSchool(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	const n = 50
	ids := make([]string, n)
	errs := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := schoolInput("Concurrent School")
			in["cityName"], in["countryName"] = "Racetown", "Raceland"
			body, _ := json.Marshal(map[string]any{"query": createSchool, "variables": map[string]any{"in": in}})
			req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", auth)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var r struct {
				Data struct {
					CreateSchool struct{ ID string } `json:"createSchool"`
				} `json:"data"`
				Errors []gqlError `json:"errors"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &r)
			if len(r.Errors) > 0 {
				errs[i] = r.Errors[0].Message
			}
			ids[i] = r.Data.CreateSchool.ID
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != "" || ids[i] == "" || ids[i] != ids[0] {
			t.Errorf("create %d: id %q, error %q; want %q like the first", i, ids[i], errs[i], ids[0])
		}
	}
	r := postAs(t, h, "", `{ schools(filter: {nameContains: "concurrent school"}, first: 0) { totalCount } countries { name cities { name } } }`, nil)
	got := decode[struct {
		Schools   struct{ TotalCount int }
		Countries []struct {
			Name   string
			Cities []struct{ Name string }
		}
	}](t, r)
	if got.Schools.TotalCount != 1 {
		t.Errorf("%d schools, want 1", got.Schools.TotalCount)
	}
	races := 0
	for _, c := range got.Countries {
		if c.Name == "Raceland" {
			races++
			if len(c.Cities) != 1 {
				t.Errorf("Raceland has cities %+v, want Racetown once", c.Cities)
			}
		}
	}
	if races != 1 {
		t.Errorf("%d countries named Raceland, want 1", races)
	}
}

func TestReadsNeedATokenWhenRequired(t *testing.T) {
	s := knowledgeGraph(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret}, graph.WithReadsNeedToken())
	r := postAs(t, h, "", `{ networks { name } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "missing") {
		t.Errorf("without a token: %s", r.raw)
	}
	reader := "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, time.Now())
	if r := postAs(t, h, reader, `{ networks { name } }`, nil); len(r.Errors) != 0 || !strings.Contains(string(r.Data), "Kazakhstan") {
		t.Errorf("with a reader's token: %s", r.raw)
	}
}
