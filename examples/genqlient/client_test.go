package genqlient_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Khan/genqlient/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	client "github.com/aspgraph/aspgraph/examples/genqlient"
)

// endpoint is the GraphQL endpoint of the real service: ASPGRAPH_URL's when it is set (as
// clients/run.sh sets it), otherwise that of a `bin/aspgraph serve` this test starts over the
// Neo4j at NEO4J_URI (as `make test` runs it, under `bin/aspgraph with-neo4j`).
func endpoint(t *testing.T) string {
	t.Helper()
	if u := os.Getenv("ASPGRAPH_URL"); u != "" {
		return strings.TrimSuffix(u, "/") + "/query"
	}
	if os.Getenv("NEO4J_URI") == "" {
		t.Fatal("neither ASPGRAPH_URL nor NEO4J_URI is set: run under `bin/aspgraph with-neo4j` (make test does)")
	}
	bin, err := filepath.Abs("../../bin/aspgraph")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s: %v (make build makes it)", bin, err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base + "/query"
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("aspgraph serve not ready after 3 minutes; its log:\n%s", log.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func ptr[T any](v T) *T { return &v }

func TestGeneratedClient(t *testing.T) {
	ctx := context.Background()
	c := graphql.NewClient(endpoint(t), http.DefaultClient)

	big, err := client.SchoolsPage(ctx, c, ptr(100), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, e := range big.Schools.Edges {
		all = append(all, e.Node.Id)
	}
	if len(all) < 3 || big.Schools.TotalCount != len(all) {
		t.Fatalf("one page of 100: %d schools of %d; want every school, at least 3", len(all), big.Schools.TotalCount)
	}

	t.Run("paging forward two at a time gives the big page", func(t *testing.T) {
		var got []string
		var after *string
		for pages := 0; ; pages++ {
			if pages > len(all) {
				t.Fatal("paging does not end")
			}
			p, err := client.SchoolsPage(ctx, c, ptr(2), after, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Schools.Edges {
				got = append(got, e.Node.Id)
			}
			if p.Schools.PageInfo.HasPreviousPage != (after != nil) {
				t.Errorf("page %d: hasPreviousPage %v", pages, p.Schools.PageInfo.HasPreviousPage)
			}
			if !p.Schools.PageInfo.HasNextPage {
				break
			}
			after = p.Schools.PageInfo.EndCursor
		}
		if !slices.Equal(got, all) {
			t.Errorf("forward by two: %v\nwant %v", got, all)
		}
	})

	t.Run("paging backward two at a time gives the big page", func(t *testing.T) {
		var got []string
		var before *string
		for pages := 0; ; pages++ {
			if pages > len(all) {
				t.Fatal("paging does not end")
			}
			p, err := client.SchoolsPage(ctx, c, nil, nil, ptr(2), before)
			if err != nil {
				t.Fatal(err)
			}
			var page []string
			for _, e := range p.Schools.Edges {
				page = append(page, e.Node.Id)
			}
			got = append(page, got...)
			if p.Schools.PageInfo.HasNextPage != (before != nil) {
				t.Errorf("page %d from the end: hasNextPage %v", pages, p.Schools.PageInfo.HasNextPage)
			}
			if !p.Schools.PageInfo.HasPreviousPage {
				break
			}
			before = p.Schools.PageInfo.StartCursor
		}
		if !slices.Equal(got, all) {
			t.Errorf("backward by two: %v\nwant %v", got, all)
		}
	})

	t.Run("memberships with their citations", func(t *testing.T) {
		res, err := client.SchoolMemberships(ctx, c, all[0])
		if err != nil {
			t.Fatal(err)
		}
		if res.Node == nil {
			t.Fatalf("node(id: %s) is null", all[0])
		}
		school, ok := (*res.Node).(*client.SchoolMembershipsNodeSchool)
		if !ok {
			t.Fatalf("node(id: %s) is %T, want a School", all[0], *res.Node)
		}
		if len(school.Memberships) == 0 {
			t.Fatalf("%s has no memberships", school.Name)
		}
		seen := map[string]bool{}
		for _, m := range school.Memberships {
			if m.Id == "" || seen[m.Id] || m.Network.Name == "" || len(m.Citations) == 0 {
				t.Errorf("membership %+v: want a unique id, its network and citations", m)
			}
			seen[m.Id] = true
			for _, ct := range m.Citations {
				if ct.Id == "" || seen[ct.Id] || ct.Source.Title == "" {
					t.Errorf("citation %+v: want a unique id and its source", ct)
				}
				seen[ct.Id] = true
			}
		}
	})

	t.Run("search hits are typed by their GraphQL type", func(t *testing.T) {
		res, err := client.Search(ctx, c, "Almaty", ptr(20))
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, h := range res.Search {
			switch n := h.Node.(type) {
			case *client.SearchSearchSearchHitNodeSchool:
				if n.Name == "" {
					t.Errorf("school %s without its name", n.Id)
				}
				kinds["School"]++
			default:
				kinds[fmt.Sprintf("%T", n)]++
			}
		}
		if kinds["School"] == 0 {
			t.Errorf("no school among the hits for Almaty: %v", kinds)
		}
	})

	t.Run("removals decode their DateTime", func(t *testing.T) {
		res, err := client.Removals(ctx, c, ptr(5))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Removals.Edges {
			if e.Node.RemovedAt.IsZero() || e.Node.Id == "" {
				t.Errorf("removal %+v: want its id and time", e.Node)
			}
		}
	})

	t.Run("a bad argument is a GraphQL error with its code", func(t *testing.T) {
		_, err := client.SchoolsPage(ctx, c, ptr(1000), nil, nil, nil)
		var list gqlerror.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %v (%T), want GraphQL errors", err, err)
		}
		if code := list[0].Extensions["code"]; code != "BAD_USER_INPUT" {
			t.Errorf("code %v, want BAD_USER_INPUT: %v", code, list[0])
		}
	})
}
