package neo4jstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestRelatedAndNodes(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	got, err := s.Related(ctx, aspnet.RelNetworkChildren, []string{"net-global", "net-alpha"})
	if err != nil {
		t.Fatal(err)
	}
	if k := keys(got["net-global"]); !slices.Equal(k, []string{"Network:net-alpha", "Network:net-beta"}) {
		t.Errorf("children of net-global: %v", k)
	}
	if len(got["net-alpha"]) != 0 {
		t.Errorf("net-alpha has children %v", keys(got["net-alpha"]))
	}
	nodes, err := s.NodesByKey(ctx, aspnet.KindSchool, []string{"sch-01", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if sc, ok := nodes["sch-01"].(*aspnet.School); !ok || sc.Name != "School 01" || len(sc.Citations) != 1 {
		t.Errorf("sch-01 = %+v", nodes["sch-01"])
	}
	if _, ok := nodes["missing"]; ok {
		t.Error("a missing key returned a node")
	}
}
