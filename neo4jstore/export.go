package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// LabelRemoval is the label of the records deletions and unlinkings leave: no relationships,
// no API ID, read through Store.Removals.
const LabelRemoval = "Removal"

// GraphLabels lists the node labels the graph holds, in the order the export reads them: every
// kind of entity, growth figures, claims and removal records.
var GraphLabels = func() []string {
	out := make([]string, 0, len(aspnet.Kinds)+3)
	for _, k := range aspnet.Kinds {
		out = append(out, string(k))
	}
	return append(out, labelGrowthFigure, labelClaim, LabelRemoval)
}()

// IsGraphLabel reports whether label is one of GraphLabels.
func IsGraphLabel(label string) bool {
	for _, l := range GraphLabels {
		if l == label {
			return true
		}
	}
	return false
}

// IsRelType reports whether t can name a relationship type: capital letters and underscores.
func IsRelType(t string) bool { return relType.MatchString(t) }

// NodeRef names a node: its label and its key.
type NodeRef struct {
	Label, Key string
}

// String is the reference as the export writes it, "Label:key".
func (r NodeRef) String() string { return r.Label + ":" + r.Key }

// GraphNode is a node as the export reads it and the import of the export's format writes
// it. Props holds every property but the key: strings, int64, float64, bool, lists of those,
// Date for a Neo4j DATE and time.Time for a DATETIME.
type GraphNode struct {
	NodeRef
	Props map[string]any
}

// GraphRel is a relationship as the export reads it; Props as in GraphNode, without the key.
type GraphRel struct {
	Type     string
	Key      string
	From, To NodeRef
	Props    map[string]any
}

// Date is the value of a Neo4j DATE property, as "2006-01-02".
type Date string

// exportPage is how many nodes the export reads at a time.
const exportPage = 2000

// ExportNodes returns the nodes of one label with keys after after ("" for the first), by
// key, at most limit of them: one page of an export.
func (s *Store) ExportNodes(ctx context.Context, label, after string, limit int) (out []GraphNode, err error) {
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
func (s *Store) ExportNodesByKey(ctx context.Context, label string, keys []string) (out []GraphNode, err error) {
	defer wrap(&err, "Store.ExportNodesByKey(%s)", label)
	recs, err := s.read(ctx, template(query("export_nodes_by_key"), map[string]string{"label": label}),
		map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	return graphNodes(label, recs)
}

// ExportRels returns the relationships that start at the nodes of one label with the given
// keys and end at a node with a key and one of GraphLabels.
func (s *Store) ExportRels(ctx context.Context, label string, keys []string) (out []GraphRel, err error) {
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
		out = append(out, GraphRel{
			Type: typ, Key: key, Props: props,
			From: NodeRef{Label: label, Key: from}, To: NodeRef{Label: toLabel, Key: to},
		})
	}
	return out, nil
}

// ExportNeighbours returns the nodes one hop away, in either direction, from the nodes of one
// label with the given keys: those with a key and one of GraphLabels.
func (s *Store) ExportNeighbours(ctx context.Context, label string, keys []string) (out []NodeRef, err error) {
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
			out = append(out, NodeRef{Label: l, Key: key})
		}
	}
	return out, nil
}

func graphNodes(label string, recs []*neo4j.Record) ([]GraphNode, error) {
	out := make([]GraphNode, 0, len(recs))
	for _, rec := range recs {
		m := rec.AsMap()
		key, _ := m["key"].(string)
		props, err := plainProps(m["props"])
		if err != nil {
			return nil, fmt.Errorf("%s:%s: %w", label, key, err)
		}
		delete(props, "key")
		out = append(out, GraphNode{NodeRef: NodeRef{Label: label, Key: key}, Props: props})
	}
	return out, nil
}

// graphLabel is the first of labels that is one of GraphLabels; "" when none is.
func graphLabel(v any) string {
	for _, l := range stringList(v) {
		if IsGraphLabel(l) {
			return l
		}
	}
	return ""
}

// plainProps turns the driver's property values into GraphNode's.
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
		return Date(x.Time().Format(time.DateOnly)), nil
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

// driverValue turns a GraphNode property value back into one the driver writes.
func driverValue(v any) (any, error) {
	switch x := v.(type) {
	case string, int64, float64, bool, time.Time:
		return x, nil
	case int:
		return int64(x), nil
	case Date:
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
