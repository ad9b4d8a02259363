package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func init() {
	// The parameters of the write statements, for TestStatementsUseIndexes.
	cite := map[string]any{
		"origin": "api", "citeSources": []any{"src-fixture"}, "citeQuotes": []any{""},
		"citeProperties": []any{""}, "editedBy": "test", "editedAt": time.Now().UTC(),
	}
	for k, v := range map[string]any{
		"school": "sch-01", "newKey": "sch-new", "network": "net-alpha", "keyAreas": []any{"ka-one"}, "source": "src-fixture",
		"url": "https://example.org/a", "by": "test", "at": time.Now().UTC(), "name": "Alphaland",
		"cite": cite, "country": "c-alpha", "city": "city-a", "props": []any{"name"},
		"membership": map[string]any{"status": "MEMBER", "founding": false},
		"urlKey":     "src-url-a", "cityName": "Alpha City", "countryName": "Alphaland", "countryKey": "country-api-alphaland",
		"cityKey": "city-api-alphaland-alpha-city",
	} {
		planParams[k] = v
	}
}

func prov(source, quote string) aspnet.Provenance {
	p := aspnet.Provenance{Quote: quote, EditedBy: "tester", EditedAt: time.Now()}
	if strings.HasPrefix(source, "http") {
		p.SourceURL = source
	} else {
		p.SourceKey = source
	}
	return p
}

func TestWriteSchool(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	since := aspnet.MustParseDate("2020-05")
	in := aspnet.NewSchool{
		Name: "New School", CityName: "alpha city", CountryName: "ALPHALAND", NetworkKey: "net-alpha",
		Since: &since, Status: aspnet.StatusCandidate, KeyAreaKeys: []string{"ka-one", "ka-two"},
	}
	var key string
	t.Run("OKCreatesWithExistingPlaces", func(t *testing.T) {
		sc, created, err := s.CreateSchool(ctx, in, prov("https://example.org/list", "New School joined."))
		if err != nil || !created {
			t.Fatalf("created %v, err %v", created, err)
		}
		key = sc.Key
		if !strings.HasPrefix(key, "sch-") || sc.Name != "New School" || len(sc.Citations) != 1 ||
			sc.Citations[0].SourceKey != aspnet.URLSourceKey("https://example.org/list") || *sc.Citations[0].Quote != "New School joined." {
			t.Errorf("school %+v", sc)
		}
		city, err := s.Related(ctx, aspnet.RelSchoolCity, []string{key})
		if err != nil || len(city[key]) != 1 || city[key][0].(*aspnet.City).Key != "city-a" {
			t.Errorf("city %v, %v: the existing city was not found by name", city, err)
		}
		ms, err := s.SchoolMemberships(ctx, []string{key})
		if err != nil || len(ms[key]) != 1 || ms[key][0].Status != aspnet.StatusCandidate || ms[key][0].Since.String() != "2020-05" || len(ms[key][0].Citations) != 1 {
			t.Errorf("memberships %+v, %v", ms[key], err)
		}
		kas, err := s.Related(ctx, aspnet.RelSchoolKeyAreas, []string{key})
		if err != nil || len(kas[key]) != 2 {
			t.Errorf("key areas %v, %v", kas[key], err)
		}
	})
	t.Run("OKSameSchoolAgainIsIdempotent", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		again := in
		again.Name = "  new SCHOOL "
		sc, created, err := s.CreateSchool(ctx, again, prov("src-fixture", ""))
		if err != nil || created || sc.Key != key {
			t.Errorf("got %+v, created %v, err %v; want the existing %s", sc, created, err, key)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("creating an existing school changed the graph")
		}
	})
	t.Run("OKNewPlaces", func(t *testing.T) {
		sc, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "New School", CityName: "Gamma Town", CountryName: "Gammaland"}, prov("src-fixture", ""))
		if err != nil || sc.Key == key {
			t.Fatalf("got %+v, %v: same name in another city is another school", sc, err)
		}
		city, _ := s.Related(ctx, aspnet.RelSchoolCity, []string{sc.Key})
		c := city[sc.Key][0].(*aspnet.City)
		country, _ := s.Related(ctx, aspnet.RelCityCountry, []string{c.Key})
		if c.Key != "city-api-gammaland-gamma-town" || country[c.Key][0].(*aspnet.Country).Key != "country-api-gammaland" {
			t.Errorf("city %+v in %v", c, country[c.Key])
		}
	})
	t.Run("ErrUnknownReferences", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for field, bad := range map[string]aspnet.NewSchool{
			"argument network:":  {Name: "X", NetworkKey: "net-none", Status: aspnet.StatusMember},
			"argument keyAreas:": {Name: "X", KeyAreaKeys: []string{"ka-one", "ka-none"}},
		} {
			_, _, err := s.CreateSchool(ctx, bad, prov("src-fixture", ""))
			if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), field) {
				t.Errorf("%s: got %v", field, err)
			}
		}
		_, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "X", CityName: "Y", CountryName: "Z"}, prov("src-none", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "source") {
			t.Errorf("unknown source: got %v", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
		}
	})
	t.Run("ErrConflictOnUpdate", func(t *testing.T) {
		other, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "Other School", CityName: "Alpha City", CountryName: "Alphaland"}, prov("src-fixture", ""))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateSchool(ctx, other.Key, aspnet.SchoolChange{Name: "NEW school"}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeConflict {
			t.Errorf("got %v, want CONFLICT", err)
		}
	})
	t.Run("OKUpdateMovesCity", func(t *testing.T) {
		sc, err := s.UpdateSchool(ctx, key, aspnet.SchoolChange{CityName: "Beta City", CountryName: "Betaland"}, prov("src-fixture", "It moved."))
		if err != nil || len(sc.Citations) != 2 || *sc.Citations[1].Property != "city" {
			t.Fatalf("got %+v, %v", sc, err)
		}
		city, _ := s.Related(ctx, aspnet.RelSchoolCity, []string{key})
		if len(city[key]) != 1 || city[key][0].(*aspnet.City).Key != "city-b" {
			t.Errorf("cities %v", city[key])
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if err := s.DeleteSchool(ctx, "sch-none", prov("src-fixture", "Removed.")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("delete: %v", err)
		}
		if _, err := s.UpdateSchool(ctx, "sch-none", aspnet.SchoolChange{Name: "A"}, prov("src-fixture", "")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("update: %v", err)
		}
	})
	t.Run("OKDeleteKeepsSources", func(t *testing.T) {
		if err := s.DeleteSchool(ctx, key, prov("src-fixture", "Removed.")); err != nil {
			t.Fatal(err)
		}
		n, _ := s.NodesByKey(ctx, aspnet.KindSchool, []string{key})
		src, _ := s.NodesByKey(ctx, aspnet.KindSource, []string{aspnet.URLSourceKey("https://example.org/list")})
		if len(n) != 0 || len(src) != 1 {
			t.Errorf("school %v, source %v", n, src)
		}
	})
}
