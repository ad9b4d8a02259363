package main

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/bench/synth"
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
	aspBody  []byte
	peerBody []byte
}

func (q *benchQuery) bodies() (asp, peer []byte) {
	if q.aspBody == nil {
		q.aspBody, _ = json.Marshal(q.Aspgraph)
		q.peerBody, _ = json.Marshal(q.Peer)
	}
	return q.aspBody, q.peerBody
}

// The suite's parameters: one school, one key area and a date range of the synthetic data.
var (
	benchSchool  = synth.SchoolID(4241)
	benchKeyArea = synth.KeyAreaID(4)
	benchFrom    = "2010-01-01"
	benchTo      = "2012-12-31"
)

func suite() []*benchQuery {
	return []*benchQuery{
		{
			Name: "schools-100",
			What: "a page of 100 schools by name, with their city",
			Aspgraph: request{Query: `query($n: Int) { schools(first: $n) { edges { node { id name city { name } } } } }`,
				Variables: map[string]any{"n": 100}},
			Peer: request{Query: `query($n: Int) { schools(limit: $n, sort: [{name: ASC}, {key: ASC}]) { key name city { name } } }`,
				Variables: map[string]any{"n": 100}},
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
		},
		{
			Name: "school-by-id",
			What: "a node by ID (aspgraph) / a school by key (peer): city, country, key areas, membership",
			Aspgraph: request{Query: `query($id: ID!) { node(id: $id) { id ... on School { name city { name country { name } } keyAreas { name } memberships { network { name } since until status } } } }`,
				Variables: map[string]any{"id": aspnet.EncodeID(aspnet.KindSchool, benchSchool)}},
			Peer: request{Query: `query($key: String!) { schools(where: {key: {eq: $key}}) { key name city { name country { name } } keyAreas(sort: [{name: ASC}]) { name } membershipsConnection { edges { properties { since until status } node { name } } } } }`,
				Variables: map[string]any{"key": benchSchool}},
			NormAsp: func(d any) any {
				n := at(d, "node")
				return []any{keyOf(at(n, "id")), at(n, "name"), at(n, "city", "name"), at(n, "city", "country", "name"),
					each(at(n, "keyAreas"), func(k any) any { return at(k, "name") }),
					each(at(n, "memberships"), func(m any) any {
						return []any{at(m, "network", "name"), at(m, "since"), at(m, "until"), at(m, "status")}
					})}
			},
			NormPeer: func(d any) any {
				n := first(at(d, "schools"))
				c := first(at(n, "city"))
				return []any{at(n, "key"), at(n, "name"), at(c, "name"), at(first(at(c, "country")), "name"),
					each(at(n, "keyAreas"), func(k any) any { return at(k, "name") }),
					each(at(n, "membershipsConnection", "edges"), func(e any) any {
						p := at(e, "properties")
						return []any{at(e, "node", "name"), at(p, "since"), at(p, "until"), at(p, "status")}
					})}
			},
		},
		{
			Name: "key-area-events-range",
			What: "the first 100 events of a key area in 2010-2012, oldest first",
			Aspgraph: request{Query: `query($ka: ID!, $from: Date!, $to: Date!) { events(filter: {keyAreaId: $ka, from: $from, to: $to}, first: 100) { edges { node { id name date } } } }`,
				Variables: map[string]any{"ka": aspnet.EncodeID(aspnet.KindKeyArea, benchKeyArea), "from": benchFrom, "to": benchTo}},
			Peer: request{Query: `query($ka: String!, $from: Date!, $to: Date!) { events(where: {keyAreas: {some: {key: {eq: $ka}}}, dateTo: {gte: $from}, dateFrom: {lte: $to}}, sort: [{date: ASC}, {name: ASC}, {key: ASC}], limit: 100) { key name date } }`,
				Variables: map[string]any{"ka": benchKeyArea, "from": benchFrom, "to": benchTo}},
			NormAsp: func(d any) any {
				return each(at(d, "events", "edges"), func(e any) any {
					n := at(e, "node")
					return []any{keyOf(at(n, "id")), at(n, "name"), at(n, "date")}
				})
			},
			NormPeer: func(d any) any {
				return each(at(d, "events"), func(n any) any { return []any{at(n, "key"), at(n, "name"), at(n, "date")} })
			},
		},
		{
			Name: "nested-3-levels",
			What: "key areas -> first 20 schools -> each school's first 5 events with organisers " +
				"(aspgraph's School.events takes no `first`, so aspgraph returns every event of each school, " +
				"about 44 on average, and the check compares the first 5)",
			// aspgraph's School.events takes no `first`: it returns every event of the school,
			// and the comparison keeps the first 5.
			Aspgraph: request{Query: `{ keyAreas { name schools(first: 20) { edges { node { name events { name date organizers { name } } } } } } }`},
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
		},
	}
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
