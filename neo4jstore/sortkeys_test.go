package neo4jstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// seedKey is the source of the knowledge graph's seed document.
const seedKey = "src-seed-2016-almaty"

// schoolNames pages through the schools matching f, two at a time, following the cursors,
// and returns their names in order.
func schoolNames(t *testing.T, s *neo4jstore.Store, f aspnet.SchoolCriteria) []string {
	t.Helper()
	var names []string
	p := aspnet.Page{First: 2}
	for range 50 {
		c, err := s.Schools(context.Background(), f, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range c.Items {
			names = append(names, it.Name)
		}
		if !c.HasNext {
			return names
		}
		key, err := aspnet.DecodeCursor(c.Cursors[len(c.Cursors)-1])
		if err != nil {
			t.Fatal(err)
		}
		p.After = key
	}
	t.Fatal("the pages do not end")
	return nil
}

// TestSchoolsCollated: the knowledge graph's numbered schools, and schools with Latin,
// Cyrillic and Kazakh names written through the API, list by the Unicode Collation
// Algorithm, case aside and numbers by value, page after page.
func TestSchoolsCollated(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)

	t.Run("OKNumberedSchoolsByValue", func(t *testing.T) {
		got := schoolNames(t, s, aspnet.SchoolCriteria{NameContains: ptr("Secondary School")})
		want := []string{"Secondary School No. 8", "Secondary School No. 35", "Secondary School No. 105", "Secondary School No. 124", "Secondary School No. 145"}
		if !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	for _, name := range []string{
		"Ұлттық мектеп", "Үміт лицейі", "Іле гимназиясы", "Ыбырай атындағы мектеп", "Қала лицейі", "Кала школа",
		"Әлем мектебі", "Алма школа", "Ёлочка школа", "Елена школа", "Жулдыз школа", "École du Nord", "ecole du sud",
		"best academy", "Secondary School No. 9", "secondary school no. 10",
	} {
		if _, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: name, CityName: "Almaty", CountryName: "Kazakhstan"}, prov(seedKey, "")); err != nil {
			t.Fatal(err)
		}
	}
	// Names with a Kazakh letter collate as Kazakh (Ә after А, Қ after К, Ұ before Ү, Ы
	// before І); other Cyrillic as Russian (Ё after Е); Latin by the root order, before
	// Cyrillic, case and accents aside at first.
	want := []string{
		"best academy", "BEST school", "École du Nord", "ecole du sud",
		"Secondary School No. 8", "Secondary School No. 9", "secondary school no. 10", "Secondary School No. 35",
		"Secondary School No. 105", "Secondary School No. 124", "Secondary School No. 145",
		"Алма школа", "Әлем мектебі", "Елена школа", "Ёлочка школа", "Жулдыз школа", "Кала школа", "Қала лицейі",
		"Ұлттық мектеп", "Үміт лицейі", "Ыбырай атындағы мектеп", "Іле гимназиясы",
	}
	t.Run("OKEveryScriptPageAfterPage", func(t *testing.T) {
		if got := schoolNames(t, s, aspnet.SchoolCriteria{}); !slices.Equal(got, want) {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	})
	t.Run("OKCursorHoldsTheSortKey", func(t *testing.T) {
		c, err := s.Schools(ctx, aspnet.SchoolCriteria{}, aspnet.Page{First: 1})
		if err != nil || len(c.Items) != 1 {
			t.Fatal(c, err)
		}
		key, _ := aspnet.DecodeCursor(c.Cursors[0])
		if len(key) != 2 || key[0] != c.Items[0].SortKey || key[0] == c.Items[0].Name {
			t.Errorf("cursor %v for %q (sort key %s)", key, c.Items[0].Name, c.Items[0].SortKey)
		}
	})
	t.Run("ErrCursorOfNames", func(t *testing.T) {
		_, err := s.Schools(ctx, aspnet.SchoolCriteria{}, aspnet.Page{First: 1, After: []any{"Secondary School No. 8", "school-almaty-8"}})
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput {
			t.Errorf("a cursor holding a name: %v, want BAD_USER_INPUT", err)
		}
	})
	t.Run("OKRenameMovesTheSchool", func(t *testing.T) {
		c, err := s.Schools(ctx, aspnet.SchoolCriteria{NameContains: ptr("best academy")}, aspnet.Page{First: 1})
		if err != nil || len(c.Items) != 1 {
			t.Fatal(c, err)
		}
		if _, err := s.UpdateSchool(ctx, c.Items[0].Key, aspnet.SchoolChange{Name: "Zhuldyz academy"}, prov(seedKey, "")); err != nil {
			t.Fatal(err)
		}
		got := schoolNames(t, s, aspnet.SchoolCriteria{})
		if i := slices.Index(got, "Zhuldyz academy"); i < 0 || i+1 >= len(got) || got[i+1] != "Алма школа" {
			t.Errorf("renamed school not last of the Latin names: %q", got)
		}
	})
	t.Run("OKMigrationMakesMissingAndStaleKeys", func(t *testing.T) {
		before := schoolNames(t, s, aspnet.SchoolCriteria{})
		for _, stale := range []bool{false, true} {
			if err := s.ForgetSortKeys(ctx, "School", stale); err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if got := schoolNames(t, s, aspnet.SchoolCriteria{}); !slices.Equal(got, before) {
				t.Errorf("after the migration (stale %v): %q, want %q", stale, got, before)
			}
		}
	})
}

// TestListsCollated: the other lists by name read the same keys.
func TestListsCollated(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)
	for _, name := range []string{"Қазақ ұйымы", "Казах фонд", "almaty foundation"} {
		if _, err := s.CreateOrganization(ctx, aspnet.NewOrganization{Name: name}, prov(seedKey, "")); err != nil {
			t.Fatal(err)
		}
	}
	nodes, err := s.All(ctx, aspnet.KindOrganization)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nodes {
		got = append(got, n.(*aspnet.Organization).Name)
	}
	want := []string{
		"almaty foundation", "National Commission of the Republic of Kazakhstan for UNESCO",
		"National Coordinating Council of UNESCO Associated Schools in the Republic of Kazakhstan",
		"UNESCO", "UNESCO Office in Almaty", "Казах фонд", "Қазақ ұйымы",
	}
	if !slices.Equal(got, want) {
		t.Errorf("organisations:\n got %q\nwant %q", got, want)
	}
}
