package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/cmd/bench/synth"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// request is one GraphQL operation with its variables.
type request struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
}

// benchQuery is one query of the suite, as each service spells it, with a normaliser per
// service that turns its answer into one shape, so that the answers can be compared.
type benchQuery struct {
	Name     string
	What     string
	Aspgraph request
	Peer     request
	NormAsp  func(data any) any
	NormPeer func(data any) any
	// AspVars and PeerVars, for a mutation, make each request's variables from a number
	// never used before, so that every request writes something new.
	AspVars  func(n int64) map[string]any
	PeerVars func(n int64) map[string]any
	// Floor runs the Cypher statements that aspgraph runs for the query, in the same order
	// and with the same parameters, straight through the store: no HTTP, no GraphQL. It
	// returns what the store returned, for the HTTP floor to encode.
	Floor func(ctx context.Context, s *neo4jstore.Store, n int64) (any, error)
}

// writeSeq numbers the writes of a bench run; it starts high so that the check's writes and
// the measured ones never meet.
var writeSeq atomic.Int64

// body returns a function that makes the n-th request body for one service.
func (q *benchQuery) body(r request, vars func(int64) map[string]any) func(n int64) []byte {
	if vars == nil {
		b, _ := json.Marshal(r)
		return func(int64) []byte { return b }
	}
	return func(int64) []byte {
		r := r
		r.Variables = vars(writeSeq.Add(1))
		b, _ := json.Marshal(r)
		return b
	}
}

func (q *benchQuery) bodies() (asp, peer func(n int64) []byte) {
	return q.body(q.Aspgraph, q.AspVars), q.body(q.Peer, q.PeerVars)
}

// The suite's parameters: one school, one key area, a date range and a national network of
// the synthetic data, and where created schools go.
var (
	benchSchool  = synth.SchoolID(4241)
	benchKeyArea = synth.KeyAreaID(4)
	benchFrom    = "2010-01-01"
	benchTo      = "2012-12-31"
	benchNetwork = synth.NetworkID(0) // the largest national network
	benchCountry = "Country 001"
	benchSource  = "https://example.org/aspgraph-bench"
)

// createdName is the name of the n-th school the mutation creates: it sorts after every
// synthetic school, so that the list queries' pages never see it.
func createdName(n int64) string { return fmt.Sprintf("Zz bench school %09d", n) }

// createdCities is how many cities of the first country the created schools are spread over:
// a school's link to its city locks the city, so that writes to one city queue behind each
// other, in both services alike.
const createdCities = 16

// createdCity is the id and the name of the city of the n-th created school.
func createdCity(n int64) (id, name string) {
	k := int(n % createdCities)
	return synth.CityID(0, k), fmt.Sprintf("City 001-%03d", k+1)
}

func date(s string) *aspnet.Date { d := aspnet.MustParseDate(s); return &d }

func ptr[T any](v T) *T { return &v }

func nodeKeys[T interface{ comparable }](items []T, key func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = key(it)
	}
	return out
}

func suite() []*benchQuery {
	return []*benchQuery{
		{
			Name: "schools-100",
			What: "a page of 100 schools by name, with their city",
			Aspgraph: request{
				Query:     `query($n: Int) { schools(first: $n) { edges { node { id name city { name } } } } }`,
				Variables: map[string]any{"n": 100},
			},
			Peer: request{
				Query:     `query($n: Int) { schools(limit: $n, sort: [{name: ASC}, {key: ASC}]) { key name city { name } } }`,
				Variables: map[string]any{"n": 100},
			},
			NormAsp: func(d any) any {
				return each(at(d, "schools", "edges"), func(e any) any {
					n := at(e, "node")
					return []any{keyOf(at(n, "id")), at(n, "name"), at(n, "city", "name")}
				})
			},
			NormPeer: func(d any) any {
				return each(at(d, "schools"), func(n any) any {
					return []any{at(n, "key"), at(n, "name"), at(first(at(n, "city")), "name")}
				})
			},
			Floor: func(ctx context.Context, s *neo4jstore.Store, _ int64) (any, error) {
				page, cities, err := s.SchoolPage(ctx, aspnet.SchoolCriteria{}, aspnet.Page{First: 100}, false, true)
				return []any{page, cities}, err
			},
		},
		{
			Name: "school-by-id",
			What: "a node by ID (aspgraph) / a school by key (peer): city, country, key areas, membership",
			Aspgraph: request{
				Query:     `query($id: ID!) { node(id: $id) { id ... on School { name city { name country { name } } keyAreas { name } memberships { network { name } since until status } } } }`,
				Variables: map[string]any{"id": aspnet.EncodeID(aspnet.KindSchool, benchSchool)},
			},
			Peer: request{
				Query:     `query($key: String!) { schools(where: {key: {eq: $key}}) { key name city { name country { name } } keyAreas(sort: [{name: ASC}]) { name } membershipsConnection { edges { properties { since until status } node { name } } } } }`,
				Variables: map[string]any{"key": benchSchool},
			},
			NormAsp: func(d any) any {
				n := at(d, "node")
				return []any{
					keyOf(at(n, "id")), at(n, "name"), at(n, "city", "name"), at(n, "city", "country", "name"),
					each(at(n, "keyAreas"), func(k any) any { return at(k, "name") }),
					each(at(n, "memberships"), func(m any) any {
						return []any{at(m, "network", "name"), at(m, "since"), at(m, "until"), at(m, "status")}
					}),
				}
			},
			NormPeer: func(d any) any {
				n := first(at(d, "schools"))
				c := first(at(n, "city"))
				return []any{
					at(n, "key"), at(n, "name"), at(c, "name"), at(first(at(c, "country")), "name"),
					each(at(n, "keyAreas"), func(k any) any { return at(k, "name") }),
					each(at(n, "membershipsConnection", "edges"), func(e any) any {
						p := at(e, "properties")
						return []any{at(e, "node", "name"), at(p, "since"), at(p, "until"), at(p, "status")}
					}),
				}
			},
			Floor: func(ctx context.Context, s *neo4jstore.Store, _ int64) (any, error) {
				school, related, mems, nets, err := s.SchoolAround(ctx, benchSchool)
				return []any{school, related, mems, nets}, err
			},
		},
		{
			Name: "key-area-events-range",
			What: "the first 100 events of a key area in 2010-2012, oldest first",
			Aspgraph: request{
				Query:     `query($ka: ID!, $from: Date!, $to: Date!) { events(filter: {keyAreaId: $ka, from: $from, to: $to}, first: 100) { edges { node { id name date } } } }`,
				Variables: map[string]any{"ka": aspnet.EncodeID(aspnet.KindKeyArea, benchKeyArea), "from": benchFrom, "to": benchTo},
			},
			Peer: request{
				Query:     `query($ka: String!, $from: Date!, $to: Date!) { events(where: {keyAreas: {some: {key: {eq: $ka}}}, dateTo: {gte: $from}, dateFrom: {lte: $to}}, sort: [{date: ASC}, {name: ASC}, {key: ASC}], limit: 100) { key name date } }`,
				Variables: map[string]any{"ka": benchKeyArea, "from": benchFrom, "to": benchTo},
			},
			NormAsp: func(d any) any {
				return each(at(d, "events", "edges"), func(e any) any {
					n := at(e, "node")
					return []any{keyOf(at(n, "id")), at(n, "name"), at(n, "date")}
				})
			},
			NormPeer: func(d any) any {
				return each(at(d, "events"), func(n any) any { return []any{at(n, "key"), at(n, "name"), at(n, "date")} })
			},
			Floor: func(ctx context.Context, s *neo4jstore.Store, _ int64) (any, error) {
				return s.EventPage(ctx, aspnet.EventCriteria{KeyAreaKey: ptr(benchKeyArea), From: date(benchFrom), To: date(benchTo)},
					aspnet.Page{First: 100}, false)
			},
		},
		{
			Name:     "nested-3-levels",
			What:     "key areas -> first 20 schools -> each school's first 5 events with organisers",
			Aspgraph: request{Query: `{ keyAreas { name schools(first: 20) { edges { node { name events(first: 5) { name date organizers { name } } } } } } }`},
			Peer:     request{Query: `{ keyAreas(sort: [{name: ASC}]) { name schools(limit: 20, sort: [{name: ASC}, {key: ASC}]) { name events(limit: 5, sort: [{date: ASC}, {name: ASC}, {key: ASC}]) { name date organizers(sort: [{name: ASC}]) { name } } } } }`},
			NormAsp: func(d any) any {
				return each(at(d, "keyAreas"), func(k any) any {
					return []any{at(k, "name"), each(at(k, "schools", "edges"), func(e any) any {
						s := at(e, "node")
						return []any{at(s, "name"), normEvents(at(s, "events"))}
					})}
				})
			},
			NormPeer: func(d any) any {
				return each(at(d, "keyAreas"), func(k any) any {
					return []any{at(k, "name"), each(at(k, "schools"), func(s any) any {
						return []any{at(s, "name"), normEvents(at(s, "events"))}
					})}
				})
			},
			Floor: nestedFloor,
		},
		{
			Name:     "key-area-stats",
			What:     "every key area with how many schools work in it and how many events are in it",
			Aspgraph: request{Query: `{ keyAreaStats { keyArea { name } schools events } }`},
			Peer:     request{Query: `{ keyAreas(sort: [{name: ASC}, {key: ASC}]) { name schoolsConnection { totalCount } eventsConnection { totalCount } } }`},
			NormAsp: func(d any) any {
				return each(at(d, "keyAreaStats"), func(k any) any {
					return []any{at(k, "keyArea", "name"), at(k, "schools"), at(k, "events")}
				})
			},
			NormPeer: func(d any) any {
				return each(at(d, "keyAreas"), func(k any) any {
					return []any{at(k, "name"), at(k, "schoolsConnection", "totalCount"), at(k, "eventsConnection", "totalCount")}
				})
			},
			Floor: func(ctx context.Context, s *neo4jstore.Store, _ int64) (any, error) {
				return s.KeyAreaStats(ctx, aspnet.KeyAreaStatSortName, false, false, nil)
			},
		},
		{
			Name: "network-growth",
			What: "the growth of the largest national network, year by year (aspgraph computes it; " +
				"the peer returns the network's memberships, from which the check computes the same series)",
			Aspgraph: request{
				Query:     `query($id: ID!) { node(id: $id) { ... on Network { name growth { date schools basis } } } }`,
				Variables: map[string]any{"id": aspnet.EncodeID(aspnet.KindNetwork, benchNetwork)},
			},
			Peer: request{
				Query:     `query($key: String!) { networks(where: {key: {eq: $key}}) { name membersConnection { edges { properties { since until status } } } } }`,
				Variables: map[string]any{"key": benchNetwork},
			},
			NormAsp: func(d any) any {
				n := at(d, "node")
				return []any{at(n, "name"), each(at(n, "growth"), func(p any) any {
					return []any{at(p, "date"), at(p, "schools"), at(p, "basis")}
				})}
			},
			NormPeer: func(d any) any {
				n := first(at(d, "networks"))
				return []any{at(n, "name"), growthOf(at(n, "membersConnection", "edges"))}
			},
			Floor: func(ctx context.Context, s *neo4jstore.Store, _ int64) (any, error) {
				net, d, err := s.NetworkGrowth(ctx, benchNetwork, false)
				if err != nil {
					return nil, err
				}
				points, err := aspnet.Growth(d, aspnet.GrowthOptions{})
				return []any{net, points}, err
			},
		},
		{
			Name: "create-school",
			What: "a mutation: create a school in an existing city (aspgraph's createSchool with a bearer token, " +
				"which also records the source and the editor; the peer's generated createSchools, connecting the city). " +
				"Each request creates a new school, with a number never used before in its name (and, for the peer, its key)",
			Aspgraph: request{Query: `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { id name city { name country { name } } } }`},
			Peer:     request{Query: `mutation($in: [SchoolCreateInput!]!) { createSchools(input: $in) { schools { key name city { name country { name } } } } }`},
			AspVars: func(n int64) map[string]any {
				_, city := createdCity(n)
				return map[string]any{"in": map[string]any{"name": createdName(n), "cityName": city, "countryName": benchCountry, "source": benchSource}}
			},
			PeerVars: func(n int64) map[string]any {
				city, _ := createdCity(n)
				return map[string]any{"in": []any{map[string]any{
					"key": fmt.Sprintf("bench-created-%09d", n), "name": createdName(n),
					"city": map[string]any{"connect": map[string]any{"where": map[string]any{"node": map[string]any{"key": map[string]any{"eq": city}}}}},
				}}}
			},
			// The names and cities differ (each request makes a new school): the check compares
			// the rest.
			NormAsp: func(d any) any {
				s := at(d, "createSchool")
				return []any{createdPrefix(at(s, "name")), at(s, "city", "country", "name")}
			},
			NormPeer: func(d any) any {
				s := first(at(d, "createSchools", "schools"))
				c := first(at(s, "city"))
				return []any{createdPrefix(at(s, "name")), at(first(at(c, "country")), "name")}
			},
			Floor: func(ctx context.Context, s *neo4jstore.Store, n int64) (any, error) {
				_, city := createdCity(n)
				school, created, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: createdName(n), CityName: city, CountryName: benchCountry},
					aspnet.Provenance{SourceURL: benchSource, EditedBy: "bench", EditedAt: time.Now().UTC()})
				return []any{school, created}, err
			},
		},
	}
}

// nestedFloor is what aspgraph runs for nested-3-levels: the key areas, a page of schools of
// each, the first events of each school, and the organisers of each event, one statement a
// level.
func nestedFloor(ctx context.Context, s *neo4jstore.Store, _ int64) (any, error) {
	kas, err := s.All(ctx, aspnet.KindKeyArea)
	if err != nil {
		return nil, err
	}
	reqs := make([]aspnet.PageOf, len(kas))
	for i, k := range kas {
		reqs[i] = aspnet.PageOf{Parent: k.(*aspnet.KeyArea).Key, Page: aspnet.Page{First: 20}}
	}
	pages, err := s.KeyAreaSchools(ctx, reqs)
	if err != nil {
		return nil, err
	}
	var schools []string
	for _, p := range pages {
		schools = append(schools, nodeKeys(p.Items, func(x *aspnet.School) string { return x.Key })...)
	}
	evs, err := s.RelatedFirst(ctx, aspnet.RelSchoolEvents, schools, 5)
	if err != nil {
		return nil, err
	}
	var events []string
	for _, l := range evs {
		events = append(events, nodeKeys(l, func(n aspnet.Node) string { return n.(*aspnet.Event).Key })...)
	}
	orgs, err := s.Related(ctx, aspnet.RelEventOrganizers, events)
	return []any{kas, pages, evs, orgs}, err
}

// growthOf computes, from the peer's membership edges, the growth series aspgraph answers for
// a network with no published figures: aspnet.Growth over the same memberships, summed up in
// Go where aspgraph sums them up in Cypher.
func growthOf(edges any) any {
	var ms []*aspnet.Membership
	for _, e := range each(edges, func(e any) any { return at(e, "properties") }) {
		m := &aspnet.Membership{Status: aspnet.MembershipStatus(fmt.Sprint(at(e, "status")))}
		if v, ok := at(e, "since").(string); ok {
			m.Since = date(v)
		}
		if v, ok := at(e, "until").(string); ok {
			m.Until = date(v)
		}
		ms = append(ms, m)
	}
	points, err := aspnet.Growth(&aspnet.GrowthData{Changes: aspnet.MembershipChanges(ms)}, aspnet.GrowthOptions{})
	if err != nil {
		return err.Error()
	}
	out := make([]any, len(points))
	for i, p := range points {
		var n any
		if p.Schools != nil {
			n = float64(*p.Schools)
		}
		out[i] = []any{p.Date.String(), n, string(p.Basis)}
	}
	return out
}

// createdPrefix drops the number from a created school's name.
func createdPrefix(name any) any {
	s, _ := name.(string)
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

func normEvents(evs any) any {
	l, _ := evs.([]any)
	if len(l) > 5 {
		l = l[:5]
	}
	return each(l, func(e any) any {
		orgs := each(at(e, "organizers"), func(o any) any { return at(o, "name") })
		return []any{at(e, "name"), at(e, "date"), orgs}
	})
}

// at walks a decoded JSON value down object members; nil when one is missing.
func at(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func first(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return nil
}

func each(v any, f func(any) any) []any {
	l, _ := v.([]any)
	out := make([]any, len(l))
	for i, x := range l {
		out[i] = f(x)
	}
	return out
}

func keyOf(id any) any {
	s, _ := id.(string)
	_, key, ok := aspnet.DecodeID(s)
	if !ok {
		return fmt.Sprintf("(bad id %q)", s)
	}
	return key
}

// sortedKeys is for stable output of maps.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
