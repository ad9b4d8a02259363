package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// Sort keys: the values a list is ordered by, ending with the entity's unique key. A cursor
// holds the sort key of its item. A name is ordered by its collation key (the node's sortKey,
// see package collation), which the cursor holds in its place.
func schoolSortKey(s *aspnet.School) []any { return []any{s.SortKey, s.Key} }

func eventSortKey(e *aspnet.Event) []any { return []any{e.Date.String(), e.SortKey, e.Key} }

// noSince sorts memberships with no start date last; it sorts after every digit.
const noSince = "~"

func membershipSortKey(m *aspnet.Membership, school *aspnet.School) []any {
	since := noSince
	if m.Since != nil {
		since = m.Since.String()
	}
	return []any{since, school.SortKey, school.Key}
}

// collated says, for a list whose sort keys have n values, which of them is a name's collation
// key (a cursor made before lists were collated, or by other rules, holds something else
// there, which collation.IsKey refuses): the first of a school's [sortKey, key], the second of
// an event's [date, sortKey, key] and of a membership's [since, sortKey, key]; none (-1) of a
// removal record's [key].
func collated(n int) int {
	switch n {
	case 1:
		return -1
	case 2:
		return 0
	}
	return 1
}

// bounds checks that the cursors of a page fit a list whose sort keys have n strings, and
// returns them as parameters (nil for no bound): gt, the key the items must sort after in
// ascending order, and lt, the key they must sort before. For a list in descending order
// (desc) the page's after is the lt bound and its before the gt bound. scanDesc tells which
// way to read the list: from lt down when the page is taken backward in an ascending list, or
// forward in a descending one.
func bounds(p aspnet.Page, n int, desc bool) (gt, lt any, scanDesc bool, err error) {
	after, err := boundParam(aspnet.FieldAfter, p.After, n)
	if err != nil {
		return nil, nil, false, err
	}
	before, err := boundParam(aspnet.FieldBefore, p.Before, n)
	if err != nil {
		return nil, nil, false, err
	}
	if desc {
		return before, after, !p.Backward, nil
	}
	return after, before, p.Backward, nil
}

// boundParam checks one cursor's sort key (nil for none) against a list whose keys have n
// strings and returns it as a parameter; field names the cursor (aspnet.FieldAfter or
// FieldBefore).
func boundParam(field string, key []any, n int) (any, error) {
	if key == nil {
		return nil, nil
	}
	if len(key) != n {
		return nil, aspnet.BadInput(field, "the cursor does not belong to this list")
	}
	for _, v := range key {
		if _, ok := v.(string); !ok {
			return nil, aspnet.BadInput(field, "the cursor does not belong to this list")
		}
	}
	if c := collated(n); c >= 0 && !collation.IsKey(key[c].(string)) {
		return nil, aspnet.BadInput(field, "the cursor does not belong to this list (or was made before lists were collated)")
	}
	return key, nil
}

// pageOf turns a page fetched with one item too many, in the order it was read, into a Conn
// in the list's order. Taken forward, there is a next page when the item too many came; taken
// backward (read from the end), a previous one. The other way, there are items beyond the
// cursor the page starts from, when it starts from one.
func pageOf[T any](items []T, total int, p aspnet.Page, sortKey func(T) []any) *aspnet.Conn[T] {
	c := &aspnet.Conn[T]{TotalCount: total}
	more := len(items) > p.First
	if more {
		items = items[:p.First]
	}
	if p.Backward {
		slices.Reverse(items)
		c.HasPrev, c.HasNext = more || p.After != nil, p.Before != nil
	} else {
		c.HasNext, c.HasPrev = more || p.Before != nil, p.After != nil
	}
	c.Items = items
	c.Cursors = make([]string, len(items))
	for i, it := range items {
		c.Cursors[i] = aspnet.EncodeCursor(sortKey(it))
	}
	return c
}

// emptyPage is the page of a list whose parent is gone.
func emptyPage[T any](p aspnet.Page) *aspnet.Conn[T] {
	return pageOf[T](nil, 0, p, nil)
}

// lastDay is the last day a date covers, as a Neo4j date parameter (nil for no date).
func lastDay(d *aspnet.Date) any {
	if d == nil {
		return nil
	}
	return neo4j.DateOf(d.End())
}

func optParam[T any](v *T) any {
	if v == nil {
		return nil
	}
	return *v
}

var schoolsStmt = compose("schools")

// Schools returns a page of the schools that match f, by name, with their total count. One
// round trip. A cursor from another list is BAD_USER_INPUT.
func (s *Store) Schools(ctx context.Context, f aspnet.SchoolCriteria, p aspnet.Page) (*aspnet.Conn[*aspnet.School], error) {
	c, _, err := s.SchoolPage(ctx, f, p, true, false)
	return c, err
}

// SchoolPage is Schools that counts every matching school only when withTotal is set: the
// page alone reads the name index from the cursor and stops at the page's end, while the
// count reads every match. Without withTotal, TotalCount is 0. With withCities it also
// returns, by school key, what Related(RelSchoolCity) would for the page's schools. One round
// trip.
func (s *Store) SchoolPage(ctx context.Context, f aspnet.SchoolCriteria, p aspnet.Page, withTotal, withCities bool) (c *aspnet.Conn[*aspnet.School], cities map[string][]aspnet.Node, err error) {
	defer wrap(&err, "Store.Schools")
	gt, lt, desc, err := bounds(p, 2, false)
	if err != nil {
		return nil, nil, err
	}
	net := f.NetworkKey != nil
	stmt := schoolsStmt.with(map[string]bool{
		"name": f.NameContains != nil, "city": f.CityKey != nil, "country": f.CountryKey != nil,
		"keyArea": f.KeyAreaKey != nil, "network": net && f.AsOf == nil,
		"asOf": f.AsOf != nil && !f.AsOfUncertain, "asOfNetwork": net && f.AsOf != nil && !f.AsOfUncertain,
		"founding": f.Founding != nil && *f.Founding, "notFounding": f.Founding != nil && !*f.Founding,
		"uncertain": f.AsOf != nil && f.AsOfUncertain, "uncertainNetwork": net && f.AsOf != nil && f.AsOfUncertain,
		"lt": lt != nil, "desc": desc,
	})
	recs, err := s.read(ctx, stmt, map[string]any{
		"networkKey": optParam(f.NetworkKey), "keyAreaKey": optParam(f.KeyAreaKey),
		"cityKey": optParam(f.CityKey), "countryKey": optParam(f.CountryKey),
		"founding": optParam(f.Founding), "nameContains": optParam(f.NameContains),
		"follow": f.FollowMappings, "keyAreaBases": aspnet.BasesParam(f.KeyAreaBases), "asOf": lastDay(f.AsOf),
		"after": gt, "before": lt, "limit": p.First, "withTotal": withTotal, "withCities": withCities,
	})
	if err != nil {
		return nil, nil, err
	}
	total, items, err := totalAndNodes[*aspnet.School](recs[0], "page")
	if err != nil {
		return nil, nil, err
	}
	if withCities {
		v, _ := recs[0].Get("cities")
		lists, _ := v.([]any)
		cities = make(map[string][]aspnet.Node, len(items))
		for i, l := range lists {
			if i >= len(items) {
				break
			}
			var nodes []aspnet.Node
			for _, c := range l.([]any) {
				n, err := decodeNode(c.(neo4j.Node))
				if err != nil {
					return nil, nil, err
				}
				nodes = append(nodes, n)
			}
			cities[items[i].Key] = nodes
		}
	}
	return pageOf(items, total, p, schoolSortKey), cities, nil
}

var eventsStmt = compose("events")

// Events returns a page of the events that match f, oldest first, with their total count.
// One round trip.
func (s *Store) Events(ctx context.Context, f aspnet.EventCriteria, p aspnet.Page) (*aspnet.Conn[*aspnet.Event], error) {
	return s.EventPage(ctx, f, p, true)
}

// EventPage is Events that counts every matching event only when withTotal is set; without
// it, TotalCount is 0. With a key area the events are read from the area, otherwise from the
// date index, bounded by the cursor and by f.To. One round trip.
func (s *Store) EventPage(ctx context.Context, f aspnet.EventCriteria, p aspnet.Page, withTotal bool) (c *aspnet.Conn[*aspnet.Event], err error) {
	defer wrap(&err, "Store.Events")
	gt, lt, desc, err := bounds(p, 3, f.NewestFirst)
	if err != nil {
		return nil, err
	}
	var from, to any
	if f.From != nil {
		from = neo4j.DateOf(f.From.Start())
	}
	// Date strings start with the year and sort coarser first, so every event is within
	// ["", "~"]; an event that starts by the end of f.To's year has a date up to "YYYY~".
	dateLo, dateHi := "", "~"
	if f.To != nil {
		to = neo4j.DateOf(f.To.End())
		dateHi = fmt.Sprintf("%04d~", f.To.End().Year())
	}
	if gt != nil {
		dateLo = max(dateLo, gt.([]any)[0].(string))
	}
	if lt != nil {
		dateHi = min(dateHi, lt.([]any)[0].(string))
	}
	stmt := eventsStmt.with(map[string]bool{
		"keyArea": f.KeyAreaKey != nil, "byDate": f.KeyAreaKey == nil,
		"organizer": f.OrganizerKey != nil, "venue": f.VenueKey != nil, "from": f.From != nil, "to": f.To != nil,
		"gt": gt != nil, "lt": lt != nil, "desc": desc,
	})
	recs, err := s.read(ctx, stmt, map[string]any{
		"keyAreaKey": optParam(f.KeyAreaKey), "organizerKey": optParam(f.OrganizerKey),
		"venueKey": optParam(f.VenueKey), "from": from, "to": to,
		"follow": f.FollowMappings, "keyAreaBases": aspnet.BasesParam(f.KeyAreaBases), "gt": gt, "lt": lt, "limit": p.First,
		"dateLo": dateLo, "dateHi": dateHi, "withTotal": withTotal,
	})
	if err != nil {
		return nil, err
	}
	total, items, err := totalAndNodes[*aspnet.Event](recs[0], "page")
	if err != nil {
		return nil, err
	}
	return pageOf(items, total, p, eventSortKey), nil
}

// KeyAreaSchools returns, for each request, a page of the schools that work in the key area,
// by name; the result is positional. One round trip for all the requests.
func (s *Store) KeyAreaSchools(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.School], error) {
	return batchPages(ctx, s, "key_area_schools", reqs, 2, schoolSortKey)
}

// KeyAreaEvents returns, for each request, a page of the events in the key area, oldest
// first; the result is positional. One round trip for all the requests.
func (s *Store) KeyAreaEvents(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.Event], error) {
	return batchPages(ctx, s, "key_area_events", reqs, 3, eventSortKey)
}

// NetworkMemberships returns, for each request, a page of the network's memberships, earliest
// first, then by school name; the result is positional. One round trip for all the requests.
func (s *Store) NetworkMemberships(ctx context.Context, reqs []aspnet.PageOf) (out []*aspnet.Conn[*aspnet.Membership], err error) {
	defer wrap(&err, "Store.NetworkMemberships")
	byParent, err := s.pageRequests(ctx, "network_memberships", reqs, 3)
	if err != nil {
		return nil, err
	}
	out = make([]*aspnet.Conn[*aspnet.Membership], len(reqs))
	for i, r := range reqs {
		rec := byParent[i]
		if rec == nil {
			out[i] = emptyPage[*aspnet.Membership](r.Page)
			continue
		}
		total, _ := rec.Get("total")
		uncertain, _ := rec.Get("uncertain")
		page, _ := rec.Get("page")
		var items []*aspnet.Membership
		schools := map[*aspnet.Membership]*aspnet.School{}
		for _, row := range page.([]any) {
			m := row.(map[string]any)
			n, err := decodeNode(m["school"].(neo4j.Node))
			if err != nil {
				return nil, err
			}
			school := n.(*aspnet.School)
			mem, err := decodeMembership(m["m"].(neo4j.Relationship), school.Key, r.Parent)
			if err != nil {
				return nil, err
			}
			schools[mem] = school
			items = append(items, mem)
		}
		out[i] = pageOf(items, int(total.(int64)), r.Page, func(m *aspnet.Membership) []any {
			return membershipSortKey(m, schools[m])
		})
		n, _ := uncertain.(int64)
		out[i].Uncertain = int(n)
	}
	return out, nil
}

func batchPages[T aspnet.Node](ctx context.Context, s *Store, name string, reqs []aspnet.PageOf, keyLen int, sortKey func(T) []any) (out []*aspnet.Conn[T], err error) {
	defer wrap(&err, "Store.%s", name)
	byReq, err := s.pageRequests(ctx, name, reqs, keyLen)
	if err != nil {
		return nil, err
	}
	out = make([]*aspnet.Conn[T], len(reqs))
	for i, r := range reqs {
		if byReq[i] == nil {
			out[i] = emptyPage[T](r.Page)
			continue
		}
		total, items, err := totalAndNodes[T](byReq[i], "page")
		if err != nil {
			return nil, err
		}
		out[i] = pageOf(items, total, r.Page, sortKey)
	}
	return out, nil
}

// pageStmts are the batched page statements, each with ?desc lines.
var pageStmts = map[string]*composed{
	"key_area_schools":    compose("key_area_schools"),
	"key_area_events":     compose("key_area_events"),
	"network_memberships": compose("network_memberships"),
}

// pageRequests runs a batched page statement and returns its records by request index. The
// statement's ?desc lines read the pages from their end; requests read in the two directions
// (backward pages among forward ones) go in a statement each.
func (s *Store) pageRequests(ctx context.Context, name string, reqs []aspnet.PageOf, keyLen int) ([]*neo4j.Record, error) {
	stmt := pageStmts[name]
	var params [2][]map[string]any
	var most [2]int
	for i, r := range reqs {
		gt, lt, desc, err := bounds(r.Page, keyLen, false)
		if err != nil {
			return nil, err
		}
		d := 0
		if desc {
			d = 1
		}
		most[d] = max(most[d], r.Page.First)
		params[d] = append(params[d], map[string]any{"parent": r.Parent, "after": gt, "before": lt, "limit": r.Page.First, "i": i, "asOf": lastDay(r.AsOf)})
	}
	out := make([]*neo4j.Record, len(reqs))
	for d, ps := range params {
		if len(ps) == 0 {
			continue
		}
		recs, err := s.read(ctx, stmt.with(map[string]bool{"desc": d == 1}), map[string]any{"reqs": ps, "limit": most[d]})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			i, _ := rec.Get("i")
			out[i.(int64)] = rec
		}
	}
	return out, nil
}

func totalAndNodes[T any](rec *neo4j.Record, field string) (int, []T, error) {
	total, _ := rec.Get("total") // null when not counted
	page, _ := rec.Get(field)
	list, _ := page.([]any)
	items := make([]T, 0, len(list))
	for _, v := range list {
		n, err := decodeNode(v.(neo4j.Node))
		if err != nil {
			return 0, nil, err
		}
		t, ok := n.(T)
		if !ok {
			return 0, nil, errWrongKind
		}
		items = append(items, t)
	}
	n, _ := total.(int64)
	return int(n), items, nil
}
