package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestWriteSources(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	t.Run("OKSourceAndConflict", func(t *testing.T) {
		pub := aspnet.MustParseDate("2020-02")
		src, err := s.CreateSource(ctx, aspnet.NewSource{Title: "A report", URL: "https://example.org/report", Publisher: "UNESCO", Published: &pub}, "tester", time.Now())
		if err != nil || src.Key != aspnet.URLSourceKey("https://example.org/report") || src.Published.String() != "2020-02" || *src.Publisher != "UNESCO" {
			t.Fatalf("got %+v, %v", src, err)
		}
		before, _ := s.Snapshot(ctx)
		_, err = s.CreateSource(ctx, aspnet.NewSource{Title: "Again", URL: "https://example.org/report"}, "tester", time.Now())
		if aspnet.ErrorCode(err) != aspnet.CodeConflict || !strings.Contains(err.Error(), src.ID()) {
			t.Errorf("got %v, want CONFLICT naming %s", err, src.ID())
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused create changed the graph")
		}
	})
}
