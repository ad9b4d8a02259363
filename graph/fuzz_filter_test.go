package graph_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Bits of FuzzFilters' present argument: which variables the request sets.
const (
	setFirst = 1 << iota
	setAfter
	setNetwork
	setKeyArea
	setCity
	setCountry
	setFounding
	setName
	setAsOf
	setFollow
	setOrganizer
	setVenue
	setFrom
	setTo
	setNewest
)

const fuzzSchoolsQuery = `query($f: SchoolFilter, $first: Int, $after: String) {
  schools(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`

const fuzzEventsQuery = `query($f: EventFilter, $first: Int, $after: String, $newest: Boolean) {
  events(filter: $f, first: $first, after: $after, newestFirst: $newest) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`

type fuzzConn struct {
	TotalCount int `json:"totalCount"`
	PageInfo   struct {
		HasNextPage bool    `json:"hasNextPage"`
		EndCursor   *string `json:"endCursor"`
	} `json:"pageInfo"`
	Edges []struct {
		Cursor string `json:"cursor"`
		Node   struct {
			Name string `json:"name"`
		} `json:"node"`
	} `json:"edges"`
}

// FuzzFilters sends arbitrary filter and connection arguments (IDs, dates, names, booleans,
// first, after) as variables of the schools and events queries, through the real handler over
// the real knowledge graph. Whatever they are, the answer is data that keeps the filter's and
// the page's promises, or a BAD_USER_INPUT error that names the argument; never an internal
// error, never a page longer than asked for, never a school whose name lacks nameContains.
func FuzzFilters(f *testing.F) {
	seeds := []struct {
		events               bool
		present              uint16
		first                int64
		after, id1, id2, txt string
		from, to             string
		flag                 bool
	}{
		{false, 0, 0, "", "", "", "", "", "", false},
		{false, setFirst | setNetwork, 5, "", id(aspnet.KindNetwork, "aspnet-kz"), "", "", "", "", false},
		{false, setName | setFounding, 0, "", "", "", "best", "", "", true},
		{false, setKeyArea | setFollow, 0, "", id(aspnet.KindKeyArea, "ka-gced"), "", "", "", "", true},
		{false, setCity | setCountry, 0, "", id(aspnet.KindCity, "almaty"), id(aspnet.KindCountry, "kz"), "", "", "", false},
		{false, setAsOf | setNetwork, 0, "", id(aspnet.KindNetwork, "aspnet"), "", "", "2000", "", false},
		{false, setFirst | setAfter, 3, aspnet.EncodeCursor([]any{"School", "school-almaty-8"}), "", "", "", "", "", false},
		{false, setFirst, -1, "", "", "", "", "", "", false},
		{false, setNetwork, 0, "", id(aspnet.KindSchool, "school-almaty-8"), "", "", "", "", false},
		{false, setName, 0, "", "", "", `"}) MATCH (n) DETACH DELETE n //`, "", "", false},
		{true, 0, 0, "", "", "", "", "", "", false},
		{true, setFrom | setTo, 0, "", "", "", "", "2016", "2016-09-24", false},
		{true, setFrom | setTo, 0, "", "", "", "", "2017", "2016", false},
		{true, setKeyArea | setFollow | setNewest, 2, "", id(aspnet.KindKeyArea, "ka-intercultural-learning"), "", "", "", "", true},
		{true, setOrganizer | setVenue, 0, "", id(aspnet.KindOrganization, "org-unesco-almaty"), id(aspnet.KindSchool, "school-almaty-best"), "", "", "", false},
		{true, setFirst | setAfter | setNewest, 1, aspnet.EncodeCursor([]any{"2016-09-24", "x"}), "", "", "", "", "", true},
		{true, setFrom, 0, "", "", "", "", "1953-02-30", "", false},
	}
	for _, s := range seeds {
		f.Add(s.events, s.present, s.first, s.after, s.id1, s.id2, s.txt, s.from, s.to, s.flag)
	}
	c := client{h: handler(knowledgeGraph(f), nil)}
	f.Fuzz(func(t *testing.T, events bool, present uint16, first int64, after, id1, id2, txt, from, to string, flag bool) {
		filter := map[string]any{}
		vars := map[string]any{"f": filter}
		set := func(bit uint16, name string, v any) {
			if present&bit != 0 {
				vars[name] = v
			}
		}
		setF := func(bit uint16, name string, v any) {
			if present&bit != 0 {
				filter[name] = v
			}
		}
		set(setFirst, "first", first)
		set(setAfter, "after", after)
		query := fuzzSchoolsQuery
		if events {
			query = fuzzEventsQuery
			setF(setKeyArea, "keyAreaId", id1)
			setF(setOrganizer, "organizerId", id2)
			setF(setVenue, "venueId", txt)
			setF(setFrom, "from", from)
			setF(setTo, "to", to)
			setF(setFollow, "followKeyAreaMappings", flag)
			set(setNewest, "newest", flag)
		} else {
			setF(setNetwork, "networkId", id1)
			setF(setKeyArea, "keyAreaId", id2)
			setF(setCity, "cityId", id1)
			setF(setCountry, "countryId", id2)
			setF(setFounding, "founding", flag)
			setF(setName, "nameContains", txt)
			setF(setAsOf, "asOf", from)
			setF(setFollow, "followKeyAreaMappings", flag)
		}
		body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
		if err != nil {
			return // not valid UTF-8 JSON can't be sent as variables; the handler fuzz covers raw bodies
		}
		r, err := c.send(body)
		if r.status != http.StatusOK && r.status != http.StatusUnprocessableEntity {
			t.Fatalf("HTTP %d for %s: %s", r.status, body, r.raw)
		}
		if err != nil {
			t.Fatalf("not JSON for %s: %s", body, r.raw)
		}
		var data map[string]*fuzzConn
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatalf("data for %s: %v: %s", body, err, r.raw)
		}
		if len(r.Errors) > 0 {
			for _, e := range r.Errors {
				if e.Extensions["code"] != "BAD_USER_INPUT" {
					t.Fatalf("error other than BAD_USER_INPUT for %s: %s", body, r.raw)
				}
				if !strings.Contains(e.Message, "argument ") && !strings.Contains(e.Message, "$") && !strings.Contains(e.Message, "variable") {
					t.Fatalf("error names no argument for %s: %s", body, r.raw)
				}
			}
			return
		}
		field := "schools"
		if events {
			field = "events"
		}
		conn := data[field]
		if conn == nil {
			t.Fatalf("no data and no error for %s: %s", body, r.raw)
		}
		limit := int64(aspnet.DefaultPageSize)
		if present&setFirst != 0 {
			limit = first
		}
		if int64(len(conn.Edges)) > limit || len(conn.Edges) > conn.TotalCount {
			t.Fatalf("%d edges, first %d, totalCount %d for %s", len(conn.Edges), limit, conn.TotalCount, body)
		}
		if present&setAfter == 0 && conn.PageInfo.HasNextPage != (len(conn.Edges) < conn.TotalCount) {
			t.Fatalf("hasNextPage %v with %d of %d on the first page for %s", conn.PageInfo.HasNextPage, len(conn.Edges), conn.TotalCount, body)
		}
		if !events && present&setName != 0 {
			for _, e := range conn.Edges {
				if !strings.Contains(strings.ToLower(e.Node.Name), strings.ToLower(txt)) {
					t.Fatalf("school %q does not contain %q", e.Node.Name, txt)
				}
			}
		}
	})
}
