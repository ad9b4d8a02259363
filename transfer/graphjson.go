package transfer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// The export's JSON format: its name and version, as the file states them.
const (
	graphFormat  = "aspgraph-graph"
	graphVersion = 1
)

// The properties that hold citations, as three lists of equal length; the JSON format shows
// them as one list of citations.
const (
	propCiteSources    = "citeSources"
	propCiteQuotes     = "citeQuotes"
	propCiteProperties = "citeProperties"
	// propCiteSummaries and propCiteRules are written only where a citation has one; a list
	// shorter than the sources (citations appended since) reads as empty for the rest.
	propCiteSummaries = "citeSummaries"
	propCiteRules     = "citeRules"
)

// dateTimeLayout writes a DATETIME with its offset always in digits, so that an offset of
// zero reads back as an offset, not as UTC.
const dateTimeLayout = "2006-01-02T15:04:05.999999999-07:00"

type jsonGraph struct {
	Format        string     `json:"format"`
	Version       int        `json:"version"`
	Nodes         []jsonNode `json:"nodes"`
	Relationships []jsonRel  `json:"relationships"`
}

type jsonNode struct {
	Label      string                     `json:"label"`
	Key        string                     `json:"key"`
	ID         string                     `json:"id,omitempty"`
	Properties map[string]json.RawMessage `json:"properties"`
	Citations  *[]jsonCite                `json:"citations,omitempty"`
}

type jsonRel struct {
	Type       string                     `json:"type"`
	Key        string                     `json:"key"`
	From       string                     `json:"from"`
	To         string                     `json:"to"`
	Properties map[string]json.RawMessage `json:"properties"`
	Citations  *[]jsonCite                `json:"citations,omitempty"`
}

type jsonCite struct {
	Source   string `json:"source"`
	Quote    string `json:"quote,omitempty"`
	Summary  string `json:"summary,omitempty"`
	Property string `json:"property,omitempty"`
	Rule     string `json:"rule,omitempty"`
}

// graphFile is a graph in the export's format as read from one file, each element with the
// line it starts on.
type graphFile struct {
	nodes []posNode
	rels  []posRel
	// declared are the nodes with problems of their own, so that references to them are not
	// reported as well.
	declared []aspnet.GraphRef
}

type posNode struct {
	Pos
	aspnet.GraphNode
}

type posRel struct {
	Pos
	aspnet.GraphRel
}

// readGraphJSON reads a file in the export's JSON format.
func readGraphJSON(name string, data []byte) (*graphFile, Problems) {
	g := &graphFile{}
	var ps Problems
	err := walkObject(data, func(key string, dec *json.Decoder) error {
		switch key {
		case "format":
			var s string
			if err := dec.Decode(&s); err != nil || s != graphFormat {
				return fmt.Errorf("format: must be %q", graphFormat)
			}
		case "version":
			var v int
			if err := dec.Decode(&v); err != nil || v != graphVersion {
				return fmt.Errorf("version: must be %d", graphVersion)
			}
		case "nodes":
			return walkArray(data, dec, func(line int, raw json.RawMessage) {
				var n jsonNode
				pos := Pos{name, line}
				if err := strictUnmarshal(raw, &n); err != nil {
					ps = append(ps, Problem{pos, "node: " + err.Error()})
					return
				}
				gn, p := n.graphNode(pos)
				ps = append(ps, p...)
				if len(p) == 0 {
					g.nodes = append(g.nodes, posNode{pos, gn})
				} else {
					g.declared = append(g.declared, gn.GraphRef)
				}
			})
		case "relationships":
			return walkArray(data, dec, func(line int, raw json.RawMessage) {
				var r jsonRel
				pos := Pos{name, line}
				if err := strictUnmarshal(raw, &r); err != nil {
					ps = append(ps, Problem{pos, "relationship: " + err.Error()})
					return
				}
				gr, p := r.graphRel(pos)
				ps = append(ps, p...)
				if len(p) == 0 {
					g.rels = append(g.rels, posRel{pos, gr})
				}
			})
		default:
			return fmt.Errorf("%q: not a part of the export's format (format, version, nodes, relationships)", key)
		}
		return nil
	})
	if err != nil {
		ps = append(ps, Problem{Pos{name, jsonErrorLine(data, err)}, err.Error()})
	}
	return g, ps
}

func strictUnmarshal(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (n jsonNode) graphNode(pos Pos) (aspnet.GraphNode, Problems) {
	var ps Problems
	bad := func(format string, args ...any) { ps = append(ps, Problem{pos, fmt.Sprintf(format, args...)}) }
	if !aspnet.IsGraphLabel(n.Label) {
		bad("label %q: not a label of the graph (%s)", n.Label, strings.Join(aspnet.GraphLabels, ", "))
	}
	if n.Key == "" {
		bad("key: must not be empty")
	}
	if n.ID != "" && n.ID != aspnet.EncodeID(aspnet.Kind(n.Label), n.Key) {
		bad("id %q: is not the ID of %s:%s", n.ID, n.Label, n.Key)
	}
	props, p := decodeProps(pos, n.Properties, n.Citations)
	return aspnet.GraphNode{GraphRef: aspnet.GraphRef{Label: n.Label, Key: n.Key}, Props: props}, append(ps, p...)
}

func (r jsonRel) graphRel(pos Pos) (aspnet.GraphRel, Problems) {
	var ps Problems
	bad := func(format string, args ...any) { ps = append(ps, Problem{pos, fmt.Sprintf(format, args...)}) }
	if !aspnet.IsRelType(r.Type) {
		bad("type %q: not a relationship type (capital letters and underscores)", r.Type)
	}
	if r.Key == "" {
		bad("key: must not be empty")
	}
	from, err := parseGraphRef(r.From)
	if err != nil {
		bad("from: %v", err)
	}
	to, err := parseGraphRef(r.To)
	if err != nil {
		bad("to: %v", err)
	}
	props, p := decodeProps(pos, r.Properties, r.Citations)
	return aspnet.GraphRel{Type: r.Type, Key: r.Key, From: from, To: to, Props: props}, append(ps, p...)
}

// parseGraphRef reads a node reference as the export writes it, "Label:key".
func parseGraphRef(s string) (aspnet.GraphRef, error) {
	label, key, ok := strings.Cut(s, ":")
	if !ok || key == "" || !aspnet.IsGraphLabel(label) {
		return aspnet.GraphRef{}, fmt.Errorf("%q is not a node reference (Label:key, with a label of the graph)", s)
	}
	return aspnet.GraphRef{Label: label, Key: key}, nil
}

func decodeProps(pos Pos, raw map[string]json.RawMessage, cites *[]jsonCite) (map[string]any, Problems) {
	var ps Problems
	props := make(map[string]any, len(raw)+3)
	for k, v := range raw {
		switch k {
		case "", "key", propCiteSources, propCiteQuotes, propCiteProperties, propCiteSummaries, propCiteRules:
			if cites != nil || k == "" || k == "key" {
				ps = append(ps, Problem{pos, fmt.Sprintf("property %q: not allowed here (the key stands beside the properties, citations in citations)", k)})
				continue
			}
		}
		x, err := decodeValue(v, true)
		if err != nil {
			ps = append(ps, Problem{pos, fmt.Sprintf("property %s: %v", k, err)})
			continue
		}
		props[k] = x
	}
	if cites != nil {
		src := make([]any, len(*cites))
		quotes := make([]any, len(*cites))
		which := make([]any, len(*cites))
		summaries := make([]any, len(*cites))
		rules := make([]any, len(*cites))
		anySummary, anyRule := false, false
		for i, c := range *cites {
			if c.Source == "" {
				ps = append(ps, Problem{pos, fmt.Sprintf("citation %d: source must not be empty", i+1)})
			}
			src[i], quotes[i], which[i], summaries[i], rules[i] = c.Source, c.Quote, c.Property, c.Summary, c.Rule
			anySummary, anyRule = anySummary || c.Summary != "", anyRule || c.Rule != ""
		}
		props[propCiteSources], props[propCiteQuotes], props[propCiteProperties] = src, quotes, which
		if anySummary {
			props[propCiteSummaries] = summaries
		}
		if anyRule {
			props[propCiteRules] = rules
		}
	}
	return props, ps
}

// decodeValue reads one property value: a string, a number (an integer unless it has a
// fraction or an exponent), a boolean, {"date": "2006-01-02"}, {"datetime": "…"}, or, at the
// top, a list of those.
func decodeValue(raw json.RawMessage, top bool) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, errors.New("missing value")
	}
	switch raw[0] {
	case 'n':
		return nil, errors.New("null is not a value a property can hold")
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case 't', 'f':
		var b bool
		err := json.Unmarshal(raw, &b)
		return b, err
	case '[':
		if !top {
			return nil, errors.New("a list inside a list")
		}
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return nil, err
		}
		out := make([]any, len(elems))
		for i, e := range elems {
			v, err := decodeValue(e, false)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i+1, err)
			}
			out[i] = v
		}
		return out, nil
	case '{':
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil || len(m) != 1 {
			return nil, errors.New(`an object must be {"date": "YYYY-MM-DD"} or {"datetime": "…"}`)
		}
		if d, ok := m["date"]; ok {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return nil, fmt.Errorf("date %q: not YYYY-MM-DD", d)
			}
			return aspnet.Day(d), nil
		}
		if d, ok := m["datetime"]; ok {
			return parseDateTime(d)
		}
		return nil, errors.New(`an object must be {"date": "YYYY-MM-DD"} or {"datetime": "…"}`)
	default:
		s := string(raw)
		if strings.ContainsAny(s, ".eE") {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("number %s: %w", s, err)
			}
			return f, nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("number %s: not a 64-bit integer", s)
		}
		return n, nil
	}
}

// parseDateTime reads a DATETIME as formatDateTime writes it: an offset in digits, then the
// zone's name in brackets when it has one.
func parseDateTime(s string) (time.Time, error) {
	text, zone, named := strings.Cut(s, "[")
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return t, fmt.Errorf("datetime %q: %w", s, err)
	}
	if named {
		loc, err := time.LoadLocation(strings.TrimSuffix(zone, "]"))
		if err != nil {
			return t, fmt.Errorf("datetime %q: zone: %w", s, err)
		}
		return t.In(loc), nil
	}
	_, offset := t.Zone()
	return t.In(time.FixedZone("Offset", offset)), nil
}

func formatDateTime(t time.Time) string {
	if name, _ := t.Zone(); name == "Offset" || t.Location().String() == "" {
		return t.Format(dateTimeLayout)
	}
	return t.Format(dateTimeLayout) + "[" + t.Location().String() + "]"
}

// encodeValue writes one property value as decodeValue reads it.
func encodeValue(v any) (json.RawMessage, error) {
	switch x := v.(type) {
	case string:
		return marshalNoEscape(x)
	case bool, int64:
		return json.Marshal(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%v has no JSON form", x)
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return json.RawMessage(s), nil
	case aspnet.Day:
		return json.Marshal(map[string]string{"date": string(x)})
	case time.Time:
		return json.Marshal(map[string]string{"datetime": formatDateTime(x)})
	case []any:
		parts := make([][]byte, len(x))
		for i, e := range x {
			b, err := encodeValue(e)
			if err != nil {
				return nil, err
			}
			parts[i] = b
		}
		return json.RawMessage("[" + string(bytes.Join(parts, []byte(","))) + "]"), nil
	default:
		return nil, fmt.Errorf("a value of type %T", v)
	}
}

func marshalNoEscape(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// splitCitations takes the three citation lists out of props when they are lists of strings
// of equal length, with the summaries and rules where there are (lists of strings no longer
// than the sources); otherwise they stay properties.
func splitCitations(props map[string]any) (map[string]any, *[]jsonCite) {
	src, ok1 := stringsOf(props[propCiteSources])
	quotes, ok2 := stringsOf(props[propCiteQuotes])
	which, ok3 := stringsOf(props[propCiteProperties])
	if !ok1 || !ok2 || !ok3 || len(src) != len(quotes) || len(src) != len(which) {
		return props, nil
	}
	optional := func(name string) ([]string, bool) {
		v, set := props[name]
		if !set {
			return nil, true
		}
		l, ok := stringsOf(v)
		return l, ok && len(l) <= len(src)
	}
	summaries, ok4 := optional(propCiteSummaries)
	rules, ok5 := optional(propCiteRules)
	if !ok4 || !ok5 {
		return props, nil
	}
	rest := make(map[string]any, len(props))
	for k, v := range props {
		switch k {
		case propCiteSources, propCiteQuotes, propCiteProperties, propCiteSummaries, propCiteRules:
		default:
			rest[k] = v
		}
	}
	at := func(l []string, i int) string {
		if i < len(l) {
			return l[i]
		}
		return ""
	}
	cites := make([]jsonCite, len(src))
	for i := range src {
		cites[i] = jsonCite{Source: src[i], Quote: quotes[i], Summary: at(summaries, i), Property: which[i], Rule: at(rules, i)}
	}
	return rest, &cites
}

func stringsOf(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

func encodeProps(props map[string]any) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(props))
	for k, v := range props {
		b, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = b
	}
	return out, nil
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
