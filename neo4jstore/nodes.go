package neo4jstore

import (
	"context"
	"fmt"
	"math"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// NodesByKey returns the entities of kind k with the given keys, by key; keys with no entity
// are absent from the map. One round trip.
func (s *Store) NodesByKey(ctx context.Context, k aspnet.Kind, keys []string) (out map[string]aspnet.Node, err error) {
	defer wrap(&err, "Store.NodesByKey(%s)", k)
	stmt := template(query("nodes_by_key"), map[string]string{"label": string(k)})
	recs, err := s.read(ctx, stmt, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	out = make(map[string]aspnet.Node, len(recs))
	for _, rec := range recs {
		key, _ := rec.Get("key")
		n, err := nodeOf(rec, "n")
		if err != nil {
			return nil, err
		}
		out[key.(string)] = n
	}
	return out, nil
}

// All returns every entity of kind k in the API's order for that kind: networks, key areas,
// organisations, countries or sources. One round trip.
func (s *Store) All(ctx context.Context, k aspnet.Kind) (out []aspnet.Node, err error) {
	defer wrap(&err, "Store.All(%s)", k)
	name, ok := map[aspnet.Kind]string{
		aspnet.KindNetwork: "all_networks", aspnet.KindKeyArea: "all_key_areas",
		aspnet.KindOrganization: "all_organizations", aspnet.KindCountry: "all_countries",
		aspnet.KindSource: "all_sources",
	}[k]
	if !ok {
		return nil, fmt.Errorf("no list of every %s", k)
	}
	recs, err := s.read(ctx, query(name), nil)
	if err != nil {
		return nil, err
	}
	out = make([]aspnet.Node, 0, len(recs))
	for _, rec := range recs {
		n, err := nodeOf(rec, "n")
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// byParent runs a statement that answers rows of (parent, ...) for the given keys, and groups
// the decoded rows by parent, in the statement's order. One round trip.
func byParent[T any](ctx context.Context, s *Store, name string, keys []string, decode func(parent string, rec *neo4j.Record) (T, error)) (map[string][]T, error) {
	return byParentWith(ctx, s, name, map[string]any{"keys": keys}, len(keys), decode)
}

// byParentWith is byParent with the statement's parameters given whole.
func byParentWith[T any](ctx context.Context, s *Store, name string, params map[string]any, n int, decode func(parent string, rec *neo4j.Record) (T, error)) (map[string][]T, error) {
	recs, err := s.read(ctx, query(name), params)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]T, n)
	for _, rec := range recs {
		v, _ := rec.Get("parent")
		parent, _ := v.(string)
		t, err := decode(parent, rec)
		if err != nil {
			return nil, err
		}
		out[parent] = append(out[parent], t)
	}
	return out, nil
}

// Related follows relation rel from each of the entities with the given keys, returning the
// related entities of each key in the relation's order. One round trip.
func (s *Store) Related(ctx context.Context, rel aspnet.Relation, keys []string) (map[string][]aspnet.Node, error) {
	return s.RelatedFirst(ctx, rel, keys, -1)
}

// RelatedFirst is Related keeping at most the first `first` entities of each key, for the
// relations whose lists take a `first` argument (School.events); a negative first keeps all.
// Other relations ignore first. One round trip.
func (s *Store) RelatedFirst(ctx context.Context, rel aspnet.Relation, keys []string, first int) (out map[string][]aspnet.Node, err error) {
	defer wrap(&err, "Store.Related(%s)", rel)
	limit := int64(first)
	if first < 0 {
		limit = math.MaxInt32
	}
	return byParentWith(ctx, s, "rel_"+string(rel), map[string]any{"keys": keys, "limit": limit}, len(keys),
		func(_ string, rec *neo4j.Record) (aspnet.Node, error) { return nodeOf(rec, "n") })
}

func nodeOf(rec *neo4j.Record, name string) (aspnet.Node, error) {
	v, ok := rec.Get(name)
	if !ok {
		return nil, fmt.Errorf("record has no %q", name)
	}
	n, ok := v.(neo4j.Node)
	if !ok {
		return nil, fmt.Errorf("%q is a %T, not a node", name, v)
	}
	return decodeNode(n)
}
