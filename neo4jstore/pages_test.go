package neo4jstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// walkPages reads a whole list n items at a time, forward (first/after) or backward
// (last/before), checking each page's hasNextPage and hasPreviousPage, and returns the items'
// keys in the list's order.
func walkPages[T any](t *testing.T, n int, backward bool, fetch func(aspnet.Page) (*aspnet.Conn[T], error), key func(T) string) []string {
	t.Helper()
	var got []string
	var cursor *string
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("paging does not end")
		}
		args := aspnet.PageArgs{First: &n, After: cursor}
		if backward {
			args = aspnet.PageArgs{Last: &n, Before: cursor}
		}
		p, err := aspnet.NewPageOf(args)
		if err != nil {
			t.Fatal(err)
		}
		c, err := fetch(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Items) > n || len(c.Items) != len(c.Cursors) {
			t.Fatalf("page %d: %d items, %d cursors, asked for %d", pages, len(c.Items), len(c.Cursors), n)
		}
		var page []string
		for _, it := range c.Items {
			page = append(page, key(it))
		}
		if !backward {
			got = append(got, page...)
			if c.HasPrev != (cursor != nil) {
				t.Errorf("page %d forward: hasPreviousPage %v", pages, c.HasPrev)
			}
			if !c.HasNext {
				return got
			}
			cursor = &c.Cursors[len(c.Cursors)-1]
			continue
		}
		got = append(page, got...)
		if c.HasNext != (cursor != nil) {
			t.Errorf("page %d backward: hasNextPage %v", pages, c.HasNext)
		}
		if !c.HasPrev {
			return got
		}
		cursor = &c.Cursors[0]
	}
}

// checkPaging: the list read whole, forward n at a time and backward n at a time is the same
// list, and it has at least least items (so that paging pages).
func checkPaging[T any](t *testing.T, least int, fetch func(aspnet.Page) (*aspnet.Conn[T], error), key func(T) string) {
	t.Helper()
	whole, err := fetch(aspnet.Page{First: aspnet.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, it := range whole.Items {
		want = append(want, key(it))
	}
	if len(want) < least || whole.HasNext {
		t.Fatalf("the list has %d items (more: %v), want %d to %d", len(want), whole.HasNext, least, aspnet.MaxPageSize)
	}
	for _, n := range []int{1, 3} {
		if got := walkPages(t, n, false, fetch, key); !slices.Equal(got, want) {
			t.Errorf("forward by %d: %v\nwant %v", n, got, want)
		}
		if got := walkPages(t, n, true, fetch, key); !slices.Equal(got, want) {
			t.Errorf("backward by %d: %v\nwant %v", n, got, want)
		}
	}
}

func TestBackwardPagingMatchesForward(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	school := func(x *aspnet.School) string { return x.Key }
	event := func(x *aspnet.Event) string { return x.Key }

	t.Run("Schools", func(t *testing.T) {
		checkPaging(t, 26, func(p aspnet.Page) (*aspnet.Conn[*aspnet.School], error) {
			return s.Schools(ctx, aspnet.SchoolCriteria{}, p)
		}, school)
	})
	t.Run("SchoolsFiltered", func(t *testing.T) {
		checkPaging(t, 10, func(p aspnet.Page) (*aspnet.Conn[*aspnet.School], error) {
			return s.Schools(ctx, aspnet.SchoolCriteria{NameContains: ptr("school 1")}, p)
		}, school)
	})
	t.Run("Events", func(t *testing.T) {
		checkPaging(t, 8, func(p aspnet.Page) (*aspnet.Conn[*aspnet.Event], error) {
			return s.Events(ctx, aspnet.EventCriteria{}, p)
		}, event)
	})
	t.Run("EventsNewestFirst", func(t *testing.T) {
		checkPaging(t, 8, func(p aspnet.Page) (*aspnet.Conn[*aspnet.Event], error) {
			return s.Events(ctx, aspnet.EventCriteria{NewestFirst: true}, p)
		}, event)
	})
	t.Run("EventsInADateRange", func(t *testing.T) {
		checkPaging(t, 4, func(p aspnet.Page) (*aspnet.Conn[*aspnet.Event], error) {
			return s.Events(ctx, aspnet.EventCriteria{From: dateOf("2016"), To: dateOf("2017")}, p)
		}, event)
	})
	t.Run("KeyAreaSchools", func(t *testing.T) {
		checkPaging(t, 12, func(p aspnet.Page) (*aspnet.Conn[*aspnet.School], error) {
			c, err := s.KeyAreaSchools(ctx, []aspnet.PageOf{{Parent: "ka-one", Page: p}})
			if err != nil {
				return nil, err
			}
			return c[0], nil
		}, school)
	})
	t.Run("NetworkMemberships", func(t *testing.T) {
		checkPaging(t, 4, func(p aspnet.Page) (*aspnet.Conn[*aspnet.Membership], error) {
			c, err := s.NetworkMemberships(ctx, []aspnet.PageOf{{Parent: "net-beta", Page: p}})
			if err != nil {
				return nil, err
			}
			return c[0], nil
		}, func(m *aspnet.Membership) string { return m.Key })
	})
	t.Run("OneBatchOfBothDirections", func(t *testing.T) {
		fwd, err := aspnet.NewPageOf(aspnet.PageArgs{First: ptr(2)})
		if err != nil {
			t.Fatal(err)
		}
		back, err := aspnet.NewPageOf(aspnet.PageArgs{Last: ptr(2)})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.KeyAreaSchools(ctx, []aspnet.PageOf{{Parent: "ka-one", Page: fwd}, {Parent: "ka-one", Page: back}, {Parent: "ka-none", Page: back}})
		if err != nil {
			t.Fatal(err)
		}
		whole, err := s.KeyAreaSchools(ctx, []aspnet.PageOf{{Parent: "ka-one", Page: aspnet.Page{First: 100}}})
		if err != nil {
			t.Fatal(err)
		}
		all := keysOf(whole[0].Items, school)
		if got := keysOf(c[0].Items, school); !slices.Equal(got, all[:2]) || !c[0].HasNext || c[0].HasPrev {
			t.Errorf("first 2: %v (next %v, previous %v), want %v", got, c[0].HasNext, c[0].HasPrev, all[:2])
		}
		if got := keysOf(c[1].Items, school); !slices.Equal(got, all[len(all)-2:]) || c[1].HasNext || !c[1].HasPrev {
			t.Errorf("last 2: %v (next %v, previous %v), want %v", got, c[1].HasNext, c[1].HasPrev, all[len(all)-2:])
		}
		if len(c[2].Items) != 0 || c[2].HasNext || c[2].HasPrev {
			t.Errorf("an unknown key area's page: %+v", c[2])
		}
	})
	t.Run("BetweenTwoCursors", func(t *testing.T) {
		whole, err := s.Schools(ctx, aspnet.SchoolCriteria{}, aspnet.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		all := keysOf(whole.Items, school)
		for _, backward := range []bool{false, true} {
			args := aspnet.PageArgs{After: &whole.Cursors[2], Before: &whole.Cursors[8], First: ptr(100)}
			if backward {
				args.First, args.Last = nil, ptr(100)
			}
			p, err := aspnet.NewPageOf(args)
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Schools(ctx, aspnet.SchoolCriteria{}, p)
			if err != nil {
				t.Fatal(err)
			}
			if got := keysOf(c.Items, school); !slices.Equal(got, all[3:8]) || !c.HasNext || !c.HasPrev {
				t.Errorf("backward %v: between the 3rd and the 9th: %v (next %v, previous %v), want %v", backward, got, c.HasNext, c.HasPrev, all[3:8])
			}
		}
	})
	// Last: it deletes schools to leave removal records.
	t.Run("Removals", func(t *testing.T) {
		for _, key := range []string{"sch-02", "sch-03", "sch-04", "sch-05", "sch-06"} {
			if err := s.DeleteSchool(ctx, key, prov("https://example.org/closures", key+" closed.")); err != nil {
				t.Fatal(err)
			}
		}
		checkPaging(t, 5, func(p aspnet.Page) (*aspnet.Conn[*aspnet.Removal], error) {
			return s.Removals(ctx, p)
		}, func(r *aspnet.Removal) string { return r.Key })
	})
}

func keysOf[T any](xs []T, key func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = key(x)
	}
	return out
}
