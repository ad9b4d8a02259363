package neo4jstore_test

import (
	"github.com/aspgraph/aspgraph/aspnet"
)

const fixture = "testdata/fixture"

func ptr[T any](v T) *T { return &v }

// dateOf parses an ASPnet date (a year, month or day) for a filter.
func dateOf(v string) *aspnet.Date { d := aspnet.MustParseDate(v); return &d }

func keys[T interface{ ID() string }](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		kind, key, _ := aspnet.DecodeID(x.ID())
		out[i] = string(kind) + ":" + key
	}
	return out
}

func keyOf(n aspnet.Node) string {
	_, key, _ := aspnet.DecodeID(n.ID())
	return key
}

func ignore[T any](_ T, err error) error { return err }
