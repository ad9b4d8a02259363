package neo4jstore_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestLoadedEntitiesHaveTheirIdentity(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	before, _ := s.Snapshot(ctx)
	ev, err := s.CreateEvent(ctx, aspnet.NewEvent{Name: " EVENT IN A YEAR", Date: aspnet.MustParseDate("2016")}, prov("src-fixture", ""))
	if err != nil || ev.Key != "ev-year" {
		t.Errorf("createEvent: got %+v, %v; want the loaded ev-year", ev, err)
	}
	ka, err := s.CreateKeyArea(ctx, aspnet.NewKeyArea{Name: "area one "}, prov("https://example.org/areas", ""))
	if err != nil || ka.Key != "ka-one" {
		t.Errorf("createKeyArea: got %+v, %v; want the loaded ka-one", ka, err)
	}
	if after, _ := s.Snapshot(ctx); after != before {
		t.Error("creating loaded entities again changed the graph")
	}
	other, err := s.CreateEvent(ctx, aspnet.NewEvent{Name: "Event in a year", Date: aspnet.MustParseDate("2017")}, prov("src-fixture", ""))
	if err != nil || other.Key == "ev-year" {
		t.Errorf("an event of the same name on another date: got %+v, %v; want a new event", other, err)
	}
	date := aspnet.MustParseDate("2016")
	if _, err := s.UpdateEvent(ctx, other.Key, aspnet.EventChange{Date: &date}, prov("src-fixture", "")); aspnet.ErrorCode(err) != aspnet.CodeConflict {
		t.Errorf("moving it onto the loaded one's date: %v, want CONFLICT", err)
	}
}

func TestConcurrentImportsAndCreatesMakeOneEvent(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	date := aspnet.MustParseDate("2019-04-10")
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			row := aspnet.ImportEvent{
				Name: []string{"Spring gathering", "SPRING gathering "}[i%2], Date: date, KeyAreaKeys: []string{"ka-one"},
				Cite: aspnet.ImportCite{Source: "src-fixture", Quote: "A spring gathering."},
			}
			_, errs[i] = s.ImportEvents(ctx, []aspnet.ImportEvent{row}, aspnet.Edit{By: "importer", At: time.Now()})
		}()
		go func() {
			defer wg.Done()
			_, errs[n+i] = s.CreateEvent(ctx, aspnet.NewEvent{Name: "spring gathering", Date: date}, prov("src-fixture", ""))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	c, err := s.Events(ctx, aspnet.EventCriteria{From: &date, To: &date}, aspnet.Page{First: 10})
	if err != nil || c.TotalCount != 1 {
		t.Fatalf("got %+v, %v; want one event", c, err)
	}
}

// identityNameCases are names whose lowercasing or trimming differs between Go's strings
// package and Neo4j (Java): a final sigma in its word and context, a capital I with dot,
// the spaces each trims and the other does not.
var identityNameCases = []string{
	"ΑΣ", "ΑΣ Β", "Σ", "ΑΣΑ", "ΟΔΟΣ.", "ΛΥΚΕΙΟ ΠΑΤΡΑΣ", "ΑΣ\u0301", "a\u0301Σ", "ΑΣ'", "Α.Σ", "Α'Σ", "ΑΣ'Α", "ΑΣ.Α",
	"ΑΣ:Α", "1Σ", "Α1Σ", "ΑΣ1", "ΑΣ-Β", "ΑΣΣ", "ΣΣ", "Α ΣΑ", "Α_Σ", "ΑΣ_", "中Σ", "Α中Σ", "ΑΣ中", "(ΑΣ)", "ΑΣ\u200d",
	"İstanbul", "İ", "ǅemal", "\u00a0School\u00a0", "\u2007x\u202f", "\u0085x", "\u001cx\u001f", "\u3000x\u2003",
	" School No. 8 ", "\tÉCOLE\n",
}

// TestIdentityNameIsNeo4js: aspnet.IdentityName makes of every name what Neo4j's
// toLower(trim(name)) makes, so that identities written before they were made in Go stay
// found: the names that differ between Go and Java, every name in data/, and every code point
// below U+2C00 (above, Unicode gave letters a case after version 13, which Java 17 lacks),
// alone and around a sigma.
func TestIdentityNameIsNeo4js(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	names := slices.Clone(identityNameCases)
	d, err := data.Read(data.Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Graph().Nodes {
		if name, ok := n.Props["name"].(string); ok {
			names = append(names, name)
		}
	}
	for r := rune(0); r < 0x2c00; r++ {
		if utf8.ValidRune(r) {
			names = append(names, string(r))
		}
		// A sigma in the contexts of the letters, digits, marks and punctuation of the
		// scripts of Europe: whether it ends its word.
		if r < 0x0530 || r >= 0x2000 && r < 0x2070 {
			names = append(names, "A"+string(r)+"Σ"+string(r), "Σ"+string(r)+"A", string(r)+"Σ")
		}
	}
	want, err := s.CypherIdentityNames(ctx, names)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, name := range names {
		if got := aspnet.IdentityName(name); got != want[i] {
			if bad++; bad <= 20 {
				t.Errorf("IdentityName(%+q) = %+q; Neo4j makes %+q", name, got, want[i])
			}
		}
	}
	if bad > 20 {
		t.Errorf("and %d more", bad-20)
	}
}

// TestLoadedIdentitiesAreCyphers: every identity the load of data/ gives is the one the
// formula in Cypher that made them before gives of the node's name, date and city.
func TestLoadedIdentitiesAreCyphers(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.LoadKnowledgeGraph(t, s)
	held, cypher, err := s.CypherIdentities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(held) < 20 {
		t.Fatalf("%d schools, events, organisations and key areas; want the knowledge graph's", len(held))
	}
	for k, id := range held {
		if id == "" || id != cypher[k] {
			t.Errorf("%s: identity %q, Cypher makes %q", k, id, cypher[k])
		}
	}
}

func TestLoadedSchoolsHaveTheirIdentity(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	before, _ := s.Snapshot(ctx)
	sc, created, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "  school 01 ", CityName: "alpha city", CountryName: "ALPHALAND"}, prov("src-fixture", ""))
	if err != nil || created || sc.Key != "sch-01" {
		t.Fatalf("got %+v, created %v, err %v; want the loaded sch-01", sc, created, err)
	}
	if after, _ := s.Snapshot(ctx); after != before {
		t.Error("creating a loaded school again changed the graph")
	}
	other, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "Other", CityName: "Alpha City", CountryName: "Alphaland"}, prov("src-fixture", ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateSchool(ctx, other.Key, aspnet.SchoolChange{Name: "SCHOOL 01"}, prov("src-fixture", "")); aspnet.ErrorCode(err) != aspnet.CodeConflict {
		t.Errorf("renaming a school to a loaded one's name in its city: %v, want CONFLICT", err)
	}
}
