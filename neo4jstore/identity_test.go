package neo4jstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
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
			row := aspnet.ImportEvent{Name: []string{"Spring gathering", "SPRING gathering "}[i%2], Date: date, KeyAreaKeys: []string{"ka-one"},
				Cite: aspnet.ImportCite{Source: "src-fixture", Quote: "A spring gathering."}}
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
