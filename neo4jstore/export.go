package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// exportPage is how many nodes the export reads at a time.
const exportPage = 2000

// ExportNodes returns the nodes of one label with keys after after ("" for the first), by
// key, at most limit of them: one page of an export.
func (s *Store) ExportNodes(ctx context.Context, label, after string, limit int) (out []aspnet.GraphNode, err error) {
	defer wrap(&err, "Store.ExportNodes(%s, %q)", label, after)
	if limit < 1 {
		limit = exportPage
	}
	recs, err := s.read(ctx, template(query("export_nodes"), map[string]string{"label": label}),
		map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, err
	}
	return graphNodes(label, recs)
}

// ExportNodesByKey returns the nodes of one label with the given keys; keys no node has are
// left out.
func (s *Store) ExportNodesByKey(ctx context.Context, label string, keys []string) (out []aspnet.GraphNode, err error) {
	defer wrap(&err, "Store.ExportNodesByKey(%s)", label)
	recs, err := s.read(ctx, template(query("export_nodes_by_key"), map[string]string{"label": label}),
		map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	return graphNodes(label, recs)
}

// ExportRels returns the relationships that start at the nodes of one label with the given
// keys and end at a node with a key and one of aspnet.GraphLabels.
func (s *Store) ExportRels(ctx context.Context, label string, keys []string) (out []aspnet.GraphRel, err error) {
	defer wrap(&err, "Store.ExportRels(%s)", label)
	recs, err := s.read(ctx, template(query("export_rels"), map[string]string{"label": label}),
		map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		to, _ := m["to"].(string)
		toLabel := graphLabel(m["toLabels"])
		if to == "" || toLabel == "" {
			continue
		}
		from, _ := m["from"].(string)
		typ, _ := m["type"].(string)
		props, err := plainProps(m["props"])
		if err != nil {
			return nil, fmt.Errorf("relationship %s from %s:%s: %w", typ, label, from, err)
		}
		key, _ := props["key"].(string)
		delete(props, "key")
		out = append(out, aspnet.GraphRel{
			Type: typ, Key: key, Props: props,
			From: aspnet.GraphRef{Label: label, Key: from}, To: aspnet.GraphRef{Label: toLabel, Key: to},
		})
	}
	return out, nil
}

// ExportNeighbours returns the nodes one hop away, in either direction, from the nodes of one
// label with the given keys: those with a key and one of aspnet.GraphLabels.
func (s *Store) ExportNeighbours(ctx context.Context, label string, keys []string) (out []aspnet.GraphRef, err error) {
	defer wrap(&err, "Store.ExportNeighbours(%s)", label)
	recs, err := s.read(ctx, template(query("export_neighbours"), map[string]string{"label": label}),
		map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		key, _ := m["key"].(string)
		if l := graphLabel(m["labels"]); l != "" && key != "" {
			out = append(out, aspnet.GraphRef{Label: l, Key: key})
		}
	}
	return out, nil
}

func graphNodes(label string, recs []*neo4j.Record) ([]aspnet.GraphNode, error) {
	out := make([]aspnet.GraphNode, 0, len(recs))
	for _, rec := range recs {
		m := rec.AsMap()
		key, _ := m["key"].(string)
		props, err := plainProps(m["props"])
		if err != nil {
			return nil, fmt.Errorf("%s:%s: %w", label, key, err)
		}
		delete(props, "key")
		out = append(out, aspnet.GraphNode{GraphRef: aspnet.GraphRef{Label: label, Key: key}, Props: props})
	}
	return out, nil
}

// graphLabel is the first of labels that is one of aspnet.GraphLabels; "" when none is.
func graphLabel(v any) string {
	for _, l := range stringList(v) {
		if aspnet.IsGraphLabel(l) {
			return l
		}
	}
	return ""
}

// plainProps turns the driver's property values into aspnet.GraphNode's.
func plainProps(v any) (map[string]any, error) {
	m, _ := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, x := range m {
		p, err := plainValue(x)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = p
	}
	return out, nil
}

func plainValue(v any) (any, error) {
	switch x := v.(type) {
	case string, int64, float64, bool, time.Time:
		return x, nil
	case neo4j.Date:
		return aspnet.Day(x.Time().Format(time.DateOnly)), nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			p, err := plainValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	default:
		return nil, fmt.Errorf("a value of type %T, which the export does not carry", v)
	}
}

// driverValue turns a aspnet.GraphNode property value back into one the driver writes.
func driverValue(v any) (any, error) {
	switch x := v.(type) {
	case string, int64, float64, bool, time.Time:
		return x, nil
	case int:
		return int64(x), nil
	case aspnet.Day:
		t, err := time.Parse(time.DateOnly, string(x))
		if err != nil {
			return nil, fmt.Errorf("date %q: %w", string(x), err)
		}
		return neo4j.DateOf(t), nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			p, err := driverValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	default:
		return nil, fmt.Errorf("a value of type %T, which Neo4j properties cannot hold", v)
	}
}
