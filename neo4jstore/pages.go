package neo4jstore

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// A list is ordered by a sort key per item (schoolSortKey, eventSortKey, membershipSortKey),
// which ends with the entity's unique key; a cursor holds the sort key of its item. A name is
// ordered by its collation key (the node's sortKey, see package collation), which the cursor
// holds in its place.

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
