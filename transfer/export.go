package transfer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// MaxDepth bounds the neighbourhood an export may take around one node.
const MaxDepth = 5

// Graph is what an export writes: nodes by label and key, relationships by start node, type,
// end node and key.
type Graph struct {
	Nodes []aspnet.GraphNode
	Rels  []aspnet.GraphRel
}

func (g *Graph) sort() {
	sort.Slice(g.Nodes, func(i, j int) bool {
		a, b := g.Nodes[i], g.Nodes[j]
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Key < b.Key
	})
	sort.Slice(g.Rels, func(i, j int) bool {
		a, b := g.Rels[i], g.Rels[j]
		for _, c := range [][2]string{{a.From.String(), b.From.String()}, {a.Type, b.Type}, {a.To.String(), b.To.String()}, {a.Key, b.Key}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return false
	})
}

// Collect reads the whole graph: the nodes of every one of aspnet.GraphLabels, page by
// page, and the relationships between them.
func Collect(ctx context.Context, s GraphReader) (*Graph, error) {
	g := &Graph{}
	for _, label := range aspnet.GraphLabels {
		after := ""
		for {
			page, err := s.ExportNodes(ctx, label, after, 2000)
			if err != nil {
				return nil, err
			}
			if len(page) == 0 {
				break
			}
			keys := make([]string, len(page))
			for i, n := range page {
				keys[i] = n.Key
			}
			rels, err := s.ExportRels(ctx, label, keys)
			if err != nil {
				return nil, err
			}
			g.Nodes = append(g.Nodes, page...)
			g.Rels = append(g.Rels, rels...)
			after = page[len(page)-1].Key
		}
	}
	g.sort()
	return g, nil
}

// ParseNodeRef reads the node an export centres on: the API's ID, or "Label:key".
func ParseNodeRef(s string) (aspnet.GraphRef, error) {
	if k, key, ok := aspnet.DecodeID(s); ok {
		return aspnet.GraphRef{Label: string(k), Key: key}, nil
	}
	if r, err := parseGraphRef(s); err == nil {
		return r, nil
	}
	return aspnet.GraphRef{}, fmt.Errorf("%q is neither an ID nor Label:key with a label of the graph", s)
}

// CollectNeighbourhood reads the nodes within depth hops of center, in either direction, the
// relationships between them, and the Sources their citations name, so that the export
// carries its provenance. It fails when center does not exist.
func CollectNeighbourhood(ctx context.Context, s Store, center aspnet.GraphRef, depth int) (*Graph, error) {
	if depth < 0 || depth > MaxDepth {
		return nil, fmt.Errorf("depth %d is out of range 0..%d", depth, MaxDepth)
	}
	found, err := s.ExportNodesByKey(ctx, center.Label, []string{center.Key})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("no node %s (ID %s)", center, apiID(center.Label, center.Key))
	}
	seen := map[aspnet.GraphRef]bool{center: true}
	frontier := []aspnet.GraphRef{center}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []aspnet.GraphRef
		for label, keys := range byLabel(frontier) {
			for chunk := range slices.Chunk(keys, 1000) {
				refs, err := s.ExportNeighbours(ctx, label, chunk)
				if err != nil {
					return nil, err
				}
				for _, r := range refs {
					if !seen[r] {
						seen[r] = true
						next = append(next, r)
					}
				}
			}
		}
		frontier = next
	}
	g := &Graph{}
	all := make([]aspnet.GraphRef, 0, len(seen))
	for r := range seen {
		all = append(all, r)
	}
	for label, keys := range byLabel(all) {
		for chunk := range slices.Chunk(keys, 1000) {
			nodes, err := s.ExportNodesByKey(ctx, label, chunk)
			if err != nil {
				return nil, err
			}
			g.Nodes = append(g.Nodes, nodes...)
			rels, err := s.ExportRels(ctx, label, chunk)
			if err != nil {
				return nil, err
			}
			for _, r := range rels {
				if seen[r.To] {
					g.Rels = append(g.Rels, r)
				}
			}
		}
	}
	// The Sources the citations name, so that every citation's source is in the file.
	cited := map[string]bool{}
	var sources []string
	note := func(props map[string]any) {
		keys, _ := stringsOf(props[propCiteSources])
		for _, k := range keys {
			r := aspnet.GraphRef{Label: string(aspnet.KindSource), Key: k}
			if !seen[r] && !cited[k] {
				cited[k] = true
				sources = append(sources, k)
			}
		}
	}
	for _, n := range g.Nodes {
		note(n.Props)
	}
	for _, r := range g.Rels {
		note(r.Props)
	}
	sort.Strings(sources)
	for chunk := range slices.Chunk(sources, 1000) {
		nodes, err := s.ExportNodesByKey(ctx, string(aspnet.KindSource), chunk)
		if err != nil {
			return nil, err
		}
		g.Nodes = append(g.Nodes, nodes...)
	}
	g.sort()
	return g, nil
}

func byLabel(refs []aspnet.GraphRef) map[string][]string {
	out := map[string][]string{}
	for _, r := range refs {
		out[r.Label] = append(out[r.Label], r.Key)
	}
	for _, keys := range out {
		sort.Strings(keys)
	}
	return out
}

// WriteJSON writes g in the export's JSON format, which Import reads back: deterministic
// (nodes and relationships sorted, properties by name), so that exporting the same graph
// twice gives the same bytes.
func WriteJSON(w io.Writer, g *Graph) error {
	out := jsonGraph{Format: graphFormat, Version: graphVersion, Nodes: []jsonNode{}, Relationships: []jsonRel{}}
	for _, n := range g.Nodes {
		props, cites := splitCitations(n.Props)
		enc, err := encodeProps(props)
		if err != nil {
			return fmt.Errorf("%s: %w", n.GraphRef, err)
		}
		jn := jsonNode{Label: n.Label, Key: n.Key, Properties: enc, Citations: cites}
		if hasAPIID(n.Label) {
			jn.ID = apiID(n.Label, n.Key)
		}
		out.Nodes = append(out.Nodes, jn)
	}
	for _, r := range g.Rels {
		props, cites := splitCitations(r.Props)
		enc, err := encodeProps(props)
		if err != nil {
			return fmt.Errorf("%s %s: %w", r.Type, r.Key, err)
		}
		out.Relationships = append(out.Relationships, jsonRel{
			Type: r.Type, Key: r.Key, From: r.From.String(), To: r.To.String(), Properties: enc, Citations: cites,
		})
	}
	// One element a line: readable, easy to compare, and an import's problem names the line
	// of the element it is about.
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"format\": %q, \"version\": %d,\n\"nodes\": [", out.Format, out.Version)
	for i, n := range out.Nodes {
		if err := writeElement(&b, i, n); err != nil {
			return err
		}
	}
	b.WriteString("\n],\n\"relationships\": [")
	for i, r := range out.Relationships {
		if err := writeElement(&b, i, r); err != nil {
			return err
		}
	}
	b.WriteString("\n]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

func writeElement(b *bytes.Buffer, i int, v any) error {
	if i > 0 {
		b.WriteByte(',')
	}
	b.WriteByte('\n')
	enc, err := marshalNoEscape(v)
	if err != nil {
		return err
	}
	b.Write(enc)
	return nil
}

// graphmlNS is the GraphML namespace.
const graphmlNS = "http://graphml.graphdrawing.org/xmlns"

// attr is one GraphML key: an attribute of nodes or of edges.
type attr struct {
	id, name, typ string
}

// WriteGraphML writes g as GraphML 1.0 with a typed <key> for every attribute, as Gephi and
// Cytoscape read it. Nodes carry type (their label), key, apiId, label (a name to show),
// their properties and citations (as JSON text); edges carry type, key, their properties and
// citations. Lists and dates are written as text; integers as long, fractions as double,
// booleans as boolean. Node IDs are n0, n1, … and edge IDs e0, e1, … in the export's order.
// The removal records are left out (see withoutRemovals).
func WriteGraphML(w io.Writer, g *Graph) error {
	g = g.withoutRemovals()
	nodeAttrs, nodeVals, err := attributes(g.nodeProps(), "n", []string{"type", "key", "apiId", "label"})
	if err != nil {
		return err
	}
	edgeAttrs, edgeVals, err := attributes(g.relProps(), "e", []string{"type", "key"})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<graphml xmlns="` + graphmlNS + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + graphmlNS + ` ` + graphmlNS + `/1.0/graphml.xsd">` + "\n")
	for _, a := range nodeAttrs {
		fmt.Fprintf(&b, "  <key id=%q for=\"node\" attr.name=%s attr.type=%q/>\n", a.id, xmlAttr(a.name), a.typ)
	}
	for _, a := range edgeAttrs {
		fmt.Fprintf(&b, "  <key id=%q for=\"edge\" attr.name=%s attr.type=%q/>\n", a.id, xmlAttr(a.name), a.typ)
	}
	b.WriteString("  <graph id=\"aspgraph\" edgedefault=\"directed\">\n")
	ids := make(map[aspnet.GraphRef]string, len(g.Nodes))
	for i, n := range g.Nodes {
		id := "n" + strconv.Itoa(i)
		ids[n.GraphRef] = id
		fmt.Fprintf(&b, "    <node id=%q>\n", id)
		writeData(&b, nodeAttrs, nodeVals[i])
		b.WriteString("    </node>\n")
	}
	for i, r := range g.Rels {
		from, okFrom := ids[r.From]
		to, okTo := ids[r.To]
		if !okFrom || !okTo {
			continue
		}
		fmt.Fprintf(&b, "    <edge id=\"e%d\" source=%q target=%q>\n", i, from, to)
		writeData(&b, edgeAttrs, edgeVals[i])
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	_, err = w.Write(b.Bytes())
	return err
}

func writeData(b *bytes.Buffer, attrs []attr, vals map[string]string) {
	for _, a := range attrs {
		if v, ok := vals[a.name]; ok {
			fmt.Fprintf(b, "      <data key=%q>%s</data>\n", a.id, xmlText(v))
		}
	}
}

// xmlText escapes text content; quotes need no escaping there, so they stay readable.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return unquote.Replace(b.String())
}

var unquote = strings.NewReplacer("&#34;", `"`, "&#39;", "'")

func xmlAttr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return `"` + b.String() + `"`
}

// withoutRemovals is g without its removal records. They belong in the JSON export, which
// carries the whole database so that a wipe and an import restore it, but not in GraphML and
// CSV, which are for graph tools: a record of what was taken out of the network is not part of
// it, and would stand in Gephi or Cytoscape as a node with no edges.
func (g *Graph) withoutRemovals() *Graph {
	out := &Graph{Nodes: make([]aspnet.GraphNode, 0, len(g.Nodes)), Rels: g.Rels}
	for _, n := range g.Nodes {
		if n.Label != aspnet.LabelRemoval {
			out.Nodes = append(out.Nodes, n)
		}
	}
	return out
}

// nodeProps is each node's attributes for GraphML and CSV: the fixed ones, then its
// properties, then its citations.
func (g *Graph) nodeProps() []map[string]any {
	out := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		props, cites := splitCitations(n.Props)
		m := map[string]any{"type": n.Label, "key": n.Key, "label": displayName(n)}
		if hasAPIID(n.Label) {
			m["apiId"] = apiID(n.Label, n.Key)
		}
		addProps(m, props, cites)
		out[i] = m
	}
	return out
}

func (g *Graph) relProps() []map[string]any {
	out := make([]map[string]any, len(g.Rels))
	for i, r := range g.Rels {
		props, cites := splitCitations(r.Props)
		m := map[string]any{"type": r.Type, "key": r.Key}
		addProps(m, props, cites)
		out[i] = m
	}
	return out
}

// addProps adds properties to the fixed attributes, a property whose name is taken getting
// the prefix "prop.", and the citations as JSON text.
func addProps(m map[string]any, props map[string]any, cites *[]jsonCite) {
	for k, v := range props {
		if _, taken := m[k]; taken || k == "citations" {
			k = "prop." + k
		}
		m[k] = v
	}
	if cites != nil {
		b, _ := marshalNoEscape(*cites)
		m["citations"] = string(b)
	}
}

// displayName is what a graph tool shows for a node: its name, title or text, or its key.
func displayName(n aspnet.GraphNode) string {
	for _, p := range []string{"name", "title", "text"} {
		if s, ok := n.Props[p].(string); ok && s != "" {
			if r := []rune(s); len(r) > 80 {
				return string(r[:79]) + "…"
			}
			return s
		}
	}
	return n.Key
}

// attributes declares one typed attribute per name over all elements (the fixed names first,
// then the rest by name) and renders every element's values as text.
func attributes(elems []map[string]any, prefix string, fixed []string) ([]attr, []map[string]string, error) {
	types := map[string]string{}
	for _, m := range elems {
		for k, v := range m {
			t := graphmlType(v)
			switch old, seen := types[k]; {
			case !seen:
				types[k] = t
			case old != t && ((old == "long" && t == "double") || (old == "double" && t == "long")):
				types[k] = "double"
			case old != t:
				types[k] = "string"
			}
		}
	}
	var names []string
	isFixed := map[string]bool{}
	for _, f := range fixed {
		isFixed[f] = true
		if _, ok := types[f]; ok {
			names = append(names, f)
		}
	}
	for _, k := range sortedKeys(types) {
		if !isFixed[k] {
			names = append(names, k)
		}
	}
	attrs := make([]attr, len(names))
	for i, n := range names {
		attrs[i] = attr{id: prefix + strconv.Itoa(i), name: n, typ: types[n]}
	}
	vals := make([]map[string]string, len(elems))
	for i, m := range elems {
		vals[i] = make(map[string]string, len(m))
		for k, v := range m {
			s, err := textValue(v)
			if err != nil {
				return nil, nil, fmt.Errorf("attribute %s: %w", k, err)
			}
			vals[i][k] = s
		}
	}
	return attrs, vals, nil
}

func graphmlType(v any) string {
	switch v.(type) {
	case int64:
		return "long"
	case float64:
		return "double"
	case bool:
		return "boolean"
	default:
		return "string"
	}
}

// textValue renders a value as GraphML data or a CSV cell: numbers and booleans as Go writes
// them, dates as YYYY-MM-DD, datetimes as in the JSON format, lists as JSON.
func textValue(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	case aspnet.Day:
		return string(x), nil
	case time.Time:
		return formatDateTime(x), nil
	case []any:
		b, err := encodeValue(x)
		return string(b), err
	default:
		return "", fmt.Errorf("a value of type %T", v)
	}
}

// WriteCSV writes g as two CSV files, nodes.csv and relationships.csv, into a directory or,
// when out ends in .zip, into a zip archive. nodes.csv has the columns id (Label:key), type,
// key, apiId, label, then one column per property name, then citations (JSON);
// relationships.csv has source and target (node ids), type, key, the properties, citations.
// The removal records are left out (see withoutRemovals).
func WriteCSV(out string, g *Graph) error {
	g = g.withoutRemovals()
	nodes, err := csvTable(g.nodeProps(), []string{"id", "type", "key", "apiId", "label"}, func(i int, m map[string]any) {
		m["id"] = g.Nodes[i].String()
	})
	if err != nil {
		return err
	}
	rels, err := csvTable(g.relProps(), []string{"source", "target", "type", "key"}, func(i int, m map[string]any) {
		m["source"], m["target"] = g.Rels[i].From.String(), g.Rels[i].To.String()
	})
	if err != nil {
		return err
	}
	if strings.EqualFold(filepath.Ext(out), ".zip") {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		z := zip.NewWriter(f)
		for _, part := range []struct {
			name string
			data []byte
		}{{"nodes.csv", nodes}, {"relationships.csv", rels}} {
			zw, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate})
			if err != nil {
				_ = f.Close()
				return err
			}
			if _, err := zw.Write(part.data); err != nil {
				_ = f.Close()
				return err
			}
		}
		if err := z.Close(); err != nil {
			_ = f.Close()
			return err
		}
		return f.Close()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "nodes.csv"), nodes, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "relationships.csv"), rels, 0o644)
}

func csvTable(elems []map[string]any, fixed []string, extra func(int, map[string]any)) ([]byte, error) {
	for i, m := range elems {
		extra(i, m)
	}
	attrs, vals, err := attributes(elems, "c", fixed)
	if err != nil {
		return nil, err
	}
	// citations last, after the properties.
	sort.SliceStable(attrs, func(i, j int) bool { return attrs[j].name == "citations" && attrs[i].name != "citations" })
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := make([]string, len(attrs))
	for i, a := range attrs {
		header[i] = a.name
	}
	_ = w.Write(header)
	for _, v := range vals {
		rec := make([]string, len(attrs))
		for i, a := range attrs {
			rec[i] = v[a.name]
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
