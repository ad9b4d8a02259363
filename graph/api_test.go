package graph_test

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

func TestNodeResolvesEveryKind(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	keys := map[aspnet.Kind]string{}
	d := loaded
	keys[aspnet.KindSource] = d.Sources[0].ID
	keys[aspnet.KindCountry] = d.Countries[0].ID
	keys[aspnet.KindCity] = d.Cities[0].ID
	keys[aspnet.KindNetwork] = d.Networks[0].ID
	keys[aspnet.KindNote] = d.Notes[0].ID
	keys[aspnet.KindKeyArea] = d.KeyAreas[0].ID
	keys[aspnet.KindOrganization] = d.Organizations[0].ID
	keys[aspnet.KindSchool] = d.Schools[0].ID
	keys[aspnet.KindOccasion] = d.Occasions[0].ID
	keys[aspnet.KindEvent] = d.Events[0].ID
	for _, e := range d.Events {
		if len(e.Appeals) > 0 {
			keys[aspnet.KindAppeal] = e.Appeals[0].ID
		}
	}
	for _, k := range aspnet.Kinds {
		t.Run(string(k), func(t *testing.T) {
			want := id(k, keys[k])
			r := post(t, context.Background(), h, `query($id: ID!) { node(id: $id) { __typename id } }`, map[string]any{"id": want})
			got := decode[struct {
				Node *struct{ Typename, ID string }
			}](t, r)
			if got.Node == nil {
				t.Fatalf("node(%s) is null", keys[k])
			}
			if got.Node.ID != want {
				t.Errorf("id %s, want %s", got.Node.ID, want)
			}
		})
	}
	t.Run("TypenameMatchesKind", func(t *testing.T) {
		r := post(t, context.Background(), h, `query($id: ID!) { node(id: $id) { __typename } }`, map[string]any{"id": id(aspnet.KindAppeal, keys[aspnet.KindAppeal])})
		if !strings.Contains(string(r.Data), `"Appeal"`) {
			t.Errorf("got %s", r.Data)
		}
	})
}

func TestBadInput(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	tests := []struct {
		name, query string
		code, names string // the expected code, and a word the message must contain
	}{
		{"FirstAboveMax", `{ schools(first: 101) { totalCount } }`, "BAD_USER_INPUT", "first"},
		{"FirstNegative", `{ events(first: -1) { totalCount } }`, "BAD_USER_INPUT", "first"},
		{"NestedFirst", `{ keyAreas { schools(first: 500) { totalCount } } }`, "BAD_USER_INPUT", "first"},
		{"MalformedCursor", `{ schools(after: "not-a-cursor") { totalCount } }`, "BAD_USER_INPUT", "after"},
		{"NestedMalformedCursor", `{ networks { memberships(after: "xyz") { totalCount } } }`, "BAD_USER_INPUT", "after"},
		{"DateDoesNotParse", `{ events(filter: {from: "2016-13"}) { totalCount } }`, "BAD_USER_INPUT", "from"},
		{"DateNotAString", `{ events(filter: {to: 2016}) { totalCount } }`, "BAD_USER_INPUT", "to"},
		{"FromAfterTo", `{ events(filter: {from: "2017", to: "2016"}) { totalCount } }`, "BAD_USER_INPUT", "from"},
		{"FilterIDOfWrongKind", `{ schools(filter: {networkId: "` + id(aspnet.KindSchool, "school-almaty-8") + `"}) { totalCount } }`, "BAD_USER_INPUT", "networkId"},
		{"FilterIDMalformed", `{ events(filter: {venueId: "%%%"}) { totalCount } }`, "BAD_USER_INPUT", "venueId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, context.Background(), h, tc.query, nil)
			if len(r.Errors) == 0 {
				t.Fatalf("no error: %s", r.raw)
			}
			e := r.Errors[0]
			if e.Extensions["code"] != tc.code || !strings.Contains(e.Message, tc.names) {
				t.Errorf("got %q (code %v), want %s naming %q", e.Message, e.Extensions["code"], tc.code, tc.names)
			}
		})
	}
	for name, q := range map[string]string{
		"MalformedID": `{ node(id: "@@not an id@@") { id } }`,
		"UnknownID":   `{ node(id: "` + id(aspnet.KindSchool, "no-such-school") + `") { id } }`,
		"UnknownKind": `{ node(id: "` + id("Planet", "mars") + `") { id } }`,
	} {
		t.Run(name+"IsNullWithoutError", func(t *testing.T) {
			r := post(t, context.Background(), h, q, nil)
			if len(r.Errors) > 0 || string(r.Data) != `{"node":null}` {
				t.Errorf("got %s", r.raw)
			}
		})
	}
}

// failingStore is the real store with one method made to fail, as an outage or a bug would.
type failingStore struct{ graph.Store }

func (failingStore) All(context.Context, aspnet.Kind) ([]aspnet.Node, error) { return nil, errBoom }

func TestInternalErrorsAreMaskedAndLogged(t *testing.T) {
	var logs bytes.Buffer
	h := handler(failingStore{knowledgeGraph(t)}, slog.New(slog.NewJSONHandler(&logs, nil)))
	r := post(t, context.Background(), h, `{ networks { name } }`, nil)
	if len(r.Errors) != 1 {
		t.Fatalf("got %s", r.raw)
	}
	e := r.Errors[0]
	reqID, _ := e.Extensions["requestId"].(string)
	if e.Extensions["code"] != "INTERNAL_SERVER_ERROR" || reqID == "" || !strings.Contains(e.Message, reqID) {
		t.Errorf("client saw %+v", e)
	}
	for _, secret := range []string{"10.0.0.7", "hunter2", "neo4j:"} {
		if strings.Contains(string(r.raw), secret) {
			t.Errorf("the response leaks %q: %s", secret, r.raw)
		}
	}
	if !strings.Contains(logs.String(), reqID) || !strings.Contains(logs.String(), "connection to 10.0.0.7") {
		t.Errorf("the log lacks the request ID or the cause: %s", logs.String())
	}
}

func TestDisputedClaimsBothStand(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	r := post(t, context.Background(), h, `query($net: ID!, $org: ID!) {
		net: node(id: $net) { ... on Network { growth { date schools countries schoolsQualifier countriesQualifier basis
			disputes { measure date claims { date countries countriesQualifier } } citations { source { id } } } } }
		org: node(id: $org) { ... on Organization { name founded { date citations { quote source { id url } } } } } }`,
		map[string]any{"net": id(aspnet.KindNetwork, "aspnet"), "org": id(aspnet.KindOrganization, "org-unesco-almaty")})
	golden(t, "disputed_claims", r)
	got := decode[struct {
		Net struct {
			Growth []struct {
				Date                                 string
				Schools, Countries                   *int
				SchoolsQualifier, CountriesQualifier *string
				Basis                                string
				Disputes                             []struct {
					Measure, Date string
					Claims        []struct {
						Date               string
						Countries          int
						CountriesQualifier string
					}
				}
				Citations []struct{ Source struct{ ID string } }
			}
		}
		Org struct {
			Founded []struct {
				Date      string
				Citations []struct{ Source struct{ ID string } }
			}
		}
	}](t, r)
	sources := map[int]string{}
	for _, p := range got.Net.Growth {
		if strings.HasPrefix(p.Date, "1953") && p.Countries != nil {
			sources[*p.Countries] = p.Citations[0].Source.ID
		}
	}
	if sources[15] == "" || sources[16] == "" || sources[15] == sources[16] {
		t.Errorf("1953 country counts by source: %v; want 15 and 16 from different sources", sources)
	}
	// The 1953 country counts are one dispute of three claims (16, 15 and "some 15"); the 33
	// schools they agree on are not disputed. "More than 12,000 schools in 182 countries" is
	// one point with both counts, each with its qualifier, and no dispute.
	for _, p := range got.Net.Growth {
		switch {
		case strings.HasPrefix(p.Date, "1953"):
			if len(p.Disputes) != 1 || p.Disputes[0].Measure != "COUNTRIES" || p.Disputes[0].Date != "1953" || len(p.Disputes[0].Claims) != 3 {
				t.Errorf("1953 point %s: disputes %+v, want one COUNTRIES dispute of 3 claims dated 1953", p.Date, p.Disputes)
			}
		case p.Date == "2024-01":
			if p.Schools == nil || *p.Schools != 12000 || *p.SchoolsQualifier != "AT_LEAST" || p.Countries == nil || *p.Countries != 182 || *p.CountriesQualifier != "EXACT" || len(p.Disputes) != 0 {
				t.Errorf("January 2024: %+v, want more than 12,000 schools in exactly 182 countries, undisputed", p)
			}
		}
	}
	dates := map[string]string{}
	for _, c := range got.Org.Founded {
		dates[c.Date] = c.Citations[0].Source.ID
	}
	if dates["1994"] == "" || dates["1995-08"] == "" || dates["1994"] == dates["1995-08"] {
		t.Errorf("UNESCO Almaty founding claims: %v; want 1994 and 1995-08 from different sources", dates)
	}
}

// nestedQuery reaches five levels below its root field; its round trips must not grow with
// the number of results.
// It starts from the networks' memberships: no school of the knowledge graph is linked to a
// key area (no source says that a given school works in one).
const nestedQuery = `query($n: Int) { networks { name
	memberships(first: $n) { edges { node { school { name
		city { name country { name } }
		memberships { since network { name parent { name } } }
		events { name organizers { name } occasions { name } } } } } }
	keyAreas { name events(first: $n) { edges { node { name venue { name } } } } } } }`

func TestRoundTripsAreBoundedByDepth(t *testing.T) {
	s := knowledgeGraph(t)
	h := handler(s, nil)
	count := func(n int) (int64, response) {
		ctx, c := aspnet.WithRoundTripCounter(context.Background())
		r := post(t, ctx, h, nestedQuery, map[string]any{"n": n})
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %s", r.raw)
		}
		return c.Load(), r
	}
	one, _ := count(1)
	many, r := count(20)
	if !strings.Contains(string(r.Data), "Secondary School") {
		t.Fatalf("the nested query found no schools: %s", r.Data)
	}
	// One round trip per field that reaches the database: networks, memberships, school,
	// city, country, school memberships, network, parent, school events, organizers,
	// occasions, key areas, their events, venue.
	const bound = 14
	t.Logf("round trips: %d with first=1, %d with first=20", one, many)
	if many > bound || one > bound {
		t.Errorf("round trips: %d (first=1) and %d (first=20); want at most %d", one, many, bound)
	}
	if many != one {
		t.Errorf("round trips grow with results: %d with first=1, %d with first=20", one, many)
	}
}

func TestPagingThroughMemberships(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	var seen []string
	var after any
	for page := 0; page < 10; page++ {
		r := post(t, context.Background(), h, `query($id: ID!, $after: String) { node(id: $id) { ... on Network {
			memberships(first: 4, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
			edges { cursor node { school { name } } } } } } }`, map[string]any{"id": id(aspnet.KindNetwork, "aspnet-kz"), "after": after})
		got := decode[struct {
			Node struct {
				Memberships struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage, HasPreviousPage bool
						EndCursor                    string
					}
					Edges []struct {
						Cursor string
						Node   struct{ School struct{ Name string } }
					}
				}
			}
		}](t, r)
		m := got.Node.Memberships
		for _, e := range m.Edges {
			seen = append(seen, e.Node.School.Name)
		}
		if m.PageInfo.HasPreviousPage != (after != nil) {
			t.Errorf("page %d: hasPreviousPage %v", page, m.PageInfo.HasPreviousPage)
		}
		if !m.PageInfo.HasNextPage {
			break
		}
		after = m.PageInfo.EndCursor
	}
	if len(seen) != 6 {
		t.Errorf("paged through %v, want the six schools once each", seen)
	}
}

func TestIDsAreStableAcrossReloads(t *testing.T) {
	s := knowledgeGraph(t)
	h := handler(s, nil)
	q := `{ networks { id } keyAreas { id } schools(first: 100) { edges { node { id } } } }`
	before := post(t, context.Background(), h, q, nil)
	if _, err := s.Load(context.Background(), loaded.Graph()); err != nil {
		t.Fatal(err)
	}
	after := post(t, context.Background(), h, q, nil)
	if string(before.raw) != string(after.raw) || len(before.Errors) > 0 {
		t.Errorf("IDs changed across a reload:\n%s\n%s", before.raw, after.raw)
	}
}

func TestBadVariablesAreTheClientsError(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	for name, tc := range map[string]struct {
		query string
		vars  map[string]any
	}{
		"Missing":   {`query($id: ID!) { node(id: $id) { id } }`, nil},
		"WrongType": {`query($n: Int) { schools(first: $n) { totalCount } }`, map[string]any{"n": "abc"}},
		"BadEnum":   {`query($by: KeyAreaStatSort) { keyAreaStats(sortBy: $by) { schools } }`, map[string]any{"by": "SIZE"}},
		"BadDate":   {`query($d: Date) { events(filter: {from: $d}) { totalCount } }`, map[string]any{"d": "2016-02-30"}},
	} {
		t.Run(name, func(t *testing.T) {
			r := post(t, context.Background(), h, tc.query, tc.vars)
			if len(r.Errors) == 0 {
				t.Fatalf("no error: %s", r.raw)
			}
			if code := r.Errors[0].Extensions["code"]; code == "INTERNAL_SERVER_ERROR" || code == nil {
				t.Errorf("code %v: %s", code, r.raw)
			}
		})
	}
}

func TestAsOfAndKeyAreaMappingsOnTheKnowledgeGraph(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	r := post(t, context.Background(), h, `query($kz: ID!, $il: ID!) {
		before: node(id: $kz) { ... on Network { memberships(asOf: "1995") { totalCount } } }
		after: node(id: $kz) { ... on Network { memberships(asOf: "1996") { totalCount } } }
		exact: events(filter: {keyAreaId: $il}) { totalCount }
		followed: events(filter: {keyAreaId: $il, followKeyAreaMappings: true}) { edges { node { name date } } }
		growth: networks { name growth(fromYear: 1996, toYear: 2016, byCountry: true) { date basis schools country { name } } } }`,
		map[string]any{"kz": id(aspnet.KindNetwork, "aspnet-kz"), "il": id(aspnet.KindKeyArea, "ka-intercultural-learning")})
	golden(t, "as_of_and_mappings", r)
	got := decode[struct {
		Before, After struct{ Memberships struct{ TotalCount int } }
		Exact         struct{ TotalCount int }
		Followed      struct {
			Edges []struct{ Node struct{ Name, Date string } }
		}
		Growth []struct {
			Name   string
			Growth []struct {
				Date, Basis string
				Country     *struct{ Name string }
			}
		}
	}](t, r)
	if got.Before.Memberships.TotalCount != 0 || got.After.Memberships.TotalCount != 6 {
		t.Errorf("ASPnet Kazakhstan members as of 1995: %d, as of 1996: %d; want 0 and 6", got.Before.Memberships.TotalCount, got.After.Memberships.TotalCount)
	}
	// Following its mappings, Intercultural Learning reaches GCED (stated by the Global
	// Citizens page) and the 2024 heritage area (EDITORIAL): the 2014 seminar and the 2024
	// training.
	if got.Exact.TotalCount != 0 || len(got.Followed.Edges) != 2 || got.Followed.Edges[0].Node.Date != "2014-10-14" || got.Followed.Edges[1].Node.Date != "2024-08-13" {
		t.Errorf("Intercultural Learning's events: %d exact; following mappings %+v; want the 2014 seminar and the 2024 heritage training", got.Exact.TotalCount, got.Followed.Edges)
	}
	for _, n := range got.Growth {
		for _, p := range n.Growth {
			if p.Date < "1996" || p.Date >= "2017" {
				t.Errorf("%s: point %s outside 1996..2016", n.Name, p.Date)
			}
			if p.Basis == "RECORDED" && (p.Country == nil || p.Country.Name != "Kazakhstan") {
				t.Errorf("%s: recorded point %s not split by country: %+v", n.Name, p.Date, p.Country)
			}
		}
	}
}

// TestEveryRelationshipSaysWhichSourceStatesIt draws BEST school's neighbourhood: every edge
// carries the citations of the fact it states.
func TestEveryRelationshipSaysWhichSourceStatesIt(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	r := post(t, context.Background(), h, `query($id: ID!) { neighborhood(id: $id, depth: 2) {
		edges { type citations { quote source { id } } } } }`, map[string]any{"id": id(aspnet.KindSchool, "school-almaty-best")})
	got := decode[struct {
		Neighborhood struct {
			Edges []struct {
				Type      string
				Citations []citation
			}
		}
	}](t, r)
	if len(got.Neighborhood.Edges) < 10 {
		t.Fatalf("only %d edges around BEST school", len(got.Neighborhood.Edges))
	}
	for _, e := range got.Neighborhood.Edges {
		if len(e.Citations) == 0 || e.Citations[0].Source.ID == "" {
			t.Errorf("a %s edge has no citation", e.Type)
		}
		if e.Type == "MEMBER_OF" && !citesSeed(e.Citations, "1996") {
			t.Errorf("BEST school's membership does not cite the seed's 1996 sentence: %+v", e.Citations)
		}
	}
}

// TestNetworkGrowthByIDIsOneRoundTrip: node(id:) on a Network that selects growth reads the
// network with its growth in one statement, and answers as Network.growth does elsewhere, with
// or without the points' citations.
func TestNetworkGrowthByIDIsOneRoundTrip(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	netID := id(aspnet.KindNetwork, "aspnet-kz")
	type point struct {
		Date, Basis string
		Schools     *int
		Citations   []struct{ Quote *string }
	}
	run := func(q string) ([]point, int64) {
		ctx, c := aspnet.WithRoundTripCounter(context.Background())
		r := post(t, ctx, h, q, map[string]any{"id": netID})
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %s", r.raw)
		}
		got := decode[struct {
			Node     struct{ Growth []point }
			Networks []struct {
				ID     string
				Growth []point
			}
		}](t, r)
		if got.Networks == nil {
			return got.Node.Growth, c.Load()
		}
		for _, n := range got.Networks {
			if n.ID == netID {
				return n.Growth, c.Load()
			}
		}
		t.Fatalf("no network %s in %s", netID, r.raw)
		return nil, 0
	}
	bare, trips := run(`query($id: ID!) { node(id: $id) { ... on Network { name growth { date schools basis } } } }`)
	if trips != 1 {
		t.Errorf("node(id:) with growth: %d round trips, want 1", trips)
	}
	cited, trips := run(`query($id: ID!) { node(id: $id) { ... on Network { growth { date schools basis citations { quote } } } } }`)
	if trips != 1 {
		t.Errorf("node(id:) with growth and citations: %d round trips, want 1", trips)
	}
	listed, _ := run(`{ networks { id growth { date schools basis citations { quote } } } }`)
	if len(bare) == 0 {
		t.Fatal("no growth points")
	}
	if !reflect.DeepEqual(cited, listed) {
		t.Errorf("growth by node(id:) and by networks differ:\n%+v\n%+v", cited, listed)
	}
	for i, p := range cited {
		if len(p.Citations) == 0 {
			t.Errorf("point %s %s has no citations", p.Date, p.Basis)
		}
		b := bare[i]
		if b.Date != p.Date || b.Basis != p.Basis || !reflect.DeepEqual(b.Schools, p.Schools) {
			t.Errorf("point %d: %+v without citations, %+v with", i, b, p)
		}
	}
}
