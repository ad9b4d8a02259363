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
	// The parameters of the removal statements, for TestStatementsUseIndexes.
	planParams["removal"] = map[string]any{"key": "rm-x", "what": "SCHOOL", "removedBy": "test", "removedAt": time.Now().UTC()}
}

func TestRemovalsRecordDeletionsAndUnlinks(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	t.Run("ErrUnknownSourceChangesNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		err := s.DeleteSchool(ctx, "sch-01", prov("src-none", "Closed."))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument source") {
			t.Errorf("got %v, want BAD_USER_INPUT naming source", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused deletion changed the graph")
		}
	})
	t.Run("ErrUnknownSchoolRecordsNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		if err := s.DeleteSchool(ctx, "sch-none", prov("https://example.org/closures", "")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("got %v, want NOT_FOUND", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused deletion changed the graph")
		}
	})
	if err := s.DeleteSchool(ctx, "sch-01", prov("https://example.org/closures", "School 01 closed in 2020.")); err != nil {
		t.Fatal(err)
	}
	target := aspnet.Ref{Field: "targetId", NodeRef: ref(aspnet.KindKeyArea, "ka-one")}
	if _, err := s.UnlinkEvent(ctx, "ev-year", aspnet.EventLinkTo{Link: aspnet.LinkKeyArea, Target: target}, prov("src-fixture", "")); err != nil {
		t.Fatal(err)
	}
	t.Run("OKNewestFirstWithTheirFields", func(t *testing.T) {
		c, err := s.Removals(ctx, aspnet.Page{First: 10})
		if err != nil || len(c.Items) != 2 || c.TotalCount != 2 || c.HasNext {
			t.Fatalf("got %+v, %v; want the two removals", c, err)
		}
		unlink, del := c.Items[0], c.Items[1]
		if del.What != aspnet.RemovedSchool || del.RemovedID != aspnet.EncodeID(aspnet.KindSchool, "sch-01") ||
			del.Name == nil || *del.Name != "School 01" || del.RemovedBy != "tester" ||
			del.Citation.SourceKey != aspnet.URLSourceKey("https://example.org/closures") ||
			del.Citation.Quote == nil || *del.Citation.Quote != "School 01 closed in 2020." ||
			time.Since(del.At) > time.Minute || del.Link != nil {
			t.Errorf("deletion record %+v", del)
		}
		if unlink.What != aspnet.RemovedEventLink || unlink.RemovedID != aspnet.EncodeID(aspnet.KindEvent, "ev-year") ||
			unlink.Link == nil || *unlink.Link != aspnet.LinkKeyArea || unlink.TargetID == nil || *unlink.TargetID != target.ID() ||
			unlink.TargetName == nil || *unlink.TargetName != "Area One" || unlink.Name == nil || *unlink.Name != "Event in a year" ||
			unlink.Citation.SourceKey != "src-fixture" || unlink.Citation.Quote != nil {
			t.Errorf("unlink record %+v", unlink)
		}
	})
	t.Run("OKPages", func(t *testing.T) {
		first, err := s.Removals(ctx, aspnet.Page{First: 1})
		if err != nil || len(first.Items) != 1 || !first.HasNext {
			t.Fatalf("first page %+v, %v", first, err)
		}
		after, _ := aspnet.DecodeCursor(first.Cursors[0])
		second, err := s.Removals(ctx, aspnet.Page{First: 1, After: after})
		if err != nil || len(second.Items) != 1 || second.HasNext || !second.HasPrev || second.Items[0].What != aspnet.RemovedSchool {
			t.Errorf("second page %+v, %v", second, err)
		}
	})
}
