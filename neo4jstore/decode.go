package neo4jstore

import (
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// props reads typed properties of a node or relationship, remembering the first problem.
type props struct {
	m   map[string]any
	err error
}

func (p *props) str(name string) string {
	v, _ := p.m[name].(string)
	return v
}

func (p *props) optStr(name string) *string {
	if v, ok := p.m[name].(string); ok {
		return &v
	}
	return nil
}

// optQualifier reads a count's qualifier; a count stored without one is EXACT.
func (p *props) optQualifier(name string) *aspnet.Qualifier {
	if v, ok := p.m[name].(string); ok && aspnet.Qualifier(v).Valid() {
		q := aspnet.Qualifier(v)
		return &q
	}
	return nil
}

func (p *props) optInt(name string) *int {
	if v, ok := p.m[name].(int64); ok {
		n := int(v)
		return &n
	}
	return nil
}

func (p *props) optDate(name string) *aspnet.Date {
	s, ok := p.m[name].(string)
	if !ok {
		return nil
	}
	d, err := aspnet.ParseDate(s)
	if err != nil {
		if p.err == nil {
			p.err = fmt.Errorf("property %s: %w", name, err)
		}
		return nil
	}
	return &d
}

func (p *props) date(name string) aspnet.Date {
	if d := p.optDate(name); d != nil {
		return *d
	}
	if p.err == nil {
		p.err = fmt.Errorf("property %s is missing", name)
	}
	return aspnet.Date{}
}

// citations reads the citations a node or relationship holds; holder names it, for the
// citations' IDs (see holderOf).
func (p *props) citations(holder string) []aspnet.Citation {
	src := stringList(p.m[aspnet.PropCiteSources])
	quotes := stringList(p.m[aspnet.PropCiteQuotes])
	which := stringList(p.m[aspnet.PropCiteProperties])
	summaries := stringList(p.m[aspnet.PropCiteSummaries])
	rules := stringList(p.m[aspnet.PropCiteRules])
	at := func(list []string, i int) *string {
		if i < len(list) && list[i] != "" {
			return &list[i]
		}
		return nil
	}
	out := make([]aspnet.Citation, len(src))
	for i, s := range src {
		out[i].SourceKey, out[i].Holder, out[i].Index = s, holder, i
		out[i].Quote = at(quotes, i)
		out[i].Property = at(which, i)
		out[i].Summary = at(summaries, i)
		out[i].Rule = at(rules, i)
	}
	return out
}

// names reads the names a node bears (see setNames); holder names the node (see holderOf),
// for the IDs of the names' own citations. The display name is always among them:
// a node written through the API, or renamed through it, bears its display name as the
// writer gave it, AS_CITED with the citations the write gave it (those of the whole node or
// of its name).
func (p *props) names(holder, display string, cites []aspnet.Citation) []aspnet.Name {
	values := stringList(p.m[aspnet.PropNames])
	kinds := stringList(p.m[aspnet.PropNameKinds])
	langs := stringList(p.m[aspnet.PropNameLangs])
	citeOf, _ := p.m[aspnet.PropNameCiteOf].([]any)
	citeSources := stringList(p.m[aspnet.PropNameCiteSources])
	citeQuotes := stringList(p.m[aspnet.PropNameCiteQuotes])
	out := make([]aspnet.Name, len(values))
	for i, v := range values {
		out[i].Holder, out[i].Value = holder, v
		if i < len(kinds) {
			out[i].Kind = aspnet.NameKind(kinds[i])
		}
		if i < len(langs) && langs[i] != "" {
			out[i].Language = &langs[i]
		}
	}
	for j, of := range citeOf {
		i, ok := of.(int64)
		if !ok || int(i) >= len(out) || j >= len(citeSources) {
			continue
		}
		// The names' citations are one list of the node's, apart from its own citations.
		c := aspnet.Citation{SourceKey: citeSources[j], Holder: holderOf("Name", holder), Index: j}
		if j < len(citeQuotes) && citeQuotes[j] != "" {
			c.Quote = &citeQuotes[j]
		}
		out[i].Citations = append(out[i].Citations, c)
	}
	for _, n := range out {
		if n.Value == display {
			return out
		}
	}
	own := aspnet.Name{Holder: holder, Value: display, Kind: aspnet.NameAsCited}
	for _, c := range cites {
		if c.Property == nil || *c.Property == "name" {
			own.Citations = append(own.Citations, c)
		}
	}
	if len(own.Citations) == 0 {
		own.Kind = aspnet.NameCuratorsLabel
	}
	return append([]aspnet.Name{own}, out...)
}

// sortKey reads the collation key of a node's name, making it when the node has none (one
// written before keys were, until the migration gives it one).
func (p *props) sortKey(name string) string {
	if k, ok := p.m[aspnet.PropSortKey].(string); ok {
		return k
	}
	return collation.Key(name, "")
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// holderOf names a node by its label and key, or a relationship by its type and key, for the
// IDs of the citations it holds: keys are unique within a label or a type.
func holderOf(labelOrType, key string) string { return labelOrType + ":" + key }

// decodeNode maps a Neo4j node to the domain entity its label names.
func decodeNode(n neo4j.Node) (aspnet.Node, error) {
	p := &props{m: n.Props}
	key := p.str("key")
	var out aspnet.Node
	for _, label := range n.Labels {
		switch aspnet.Kind(label) {
		case aspnet.KindSource:
			out = &aspnet.Source{Key: key, Title: p.str("title"), URL: p.optStr("url"), Publisher: p.optStr("publisher"), Published: p.optDate("published"), Note: p.optStr("note"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindCountry:
			c := &aspnet.Country{Key: key, Name: p.str("name"), Independence: p.optDate("independence"), UNESCOMemberSince: p.optDate("unescoMemberSince"), Citations: p.citations(holderOf(label, key))}
			c.Names = p.names(holderOf(label, key), c.Name, c.Citations)
			out = c
		case aspnet.KindCity:
			c := &aspnet.City{Key: key, Name: p.str("name"), Citations: p.citations(holderOf(label, key))}
			c.Names = p.names(holderOf(label, key), c.Name, c.Citations)
			out = c
		case aspnet.KindNetwork:
			n := &aspnet.Network{Key: key, Name: p.str("name"), Scope: aspnet.NetworkScope(p.str("scope")), Launched: p.optDate("launched"), OriginalName: p.optStr("originalName"), Objective: p.optStr("objective"), Citations: p.citations(holderOf(label, key))}
			n.Names = p.names(holderOf(label, key), n.Name, n.Citations)
			out = n
		case aspnet.KindNote:
			out = &aspnet.Note{Key: key, Date: p.optDate("date"), Text: p.str("text"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindKeyArea:
			k := &aspnet.KeyArea{Key: key, Name: p.str("name"), Abbreviation: p.optStr("abbreviation"), Citations: p.citations(holderOf(label, key))}
			k.Names = p.names(holderOf(label, key), k.Name, k.Citations)
			out = k
		case aspnet.KindOrganization:
			o := &aspnet.Organization{Key: key, Name: p.str("name"), Citations: p.citations(holderOf(label, key))}
			o.Names = p.names(holderOf(label, key), o.Name, o.Citations)
			out = o
		case aspnet.KindSchool:
			s := &aspnet.School{Key: key, Name: p.str("name"), Citations: p.citations(holderOf(label, key))}
			s.Names, s.SortKey = p.names(holderOf(label, key), s.Name, s.Citations), p.sortKey(s.Name)
			out = s
		case aspnet.KindOccasion:
			o := &aspnet.Occasion{Key: key, Name: p.str("name"), Date: p.optDate("date"), Recurs: p.optStr("recurs"), Established: p.optDate("established"), Citations: p.citations(holderOf(label, key))}
			o.Names = p.names(holderOf(label, key), o.Name, o.Citations)
			out = o
		case aspnet.KindAppeal:
			out = &aspnet.Appeal{Key: key, Text: p.str("text"), By: p.optStr("by"), To: p.optStr("to"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindEvent:
			e := &aspnet.Event{Key: key, Name: p.str("name"), Kind: p.optStr("kind"), Date: p.date("date"), EndDate: p.optDate("endDate"), Description: p.optStr("description"), Purpose: p.optStr("purpose"), Citations: p.citations(holderOf(label, key))}
			e.Names, e.SortKey = p.names(holderOf(label, key), e.Name, e.Citations), p.sortKey(e.Name)
			out = e
		default:
			continue
		}
		break
	}
	if out == nil {
		return nil, fmt.Errorf("node %v with key %q has no entity label", n.Labels, key)
	}
	if p.err != nil {
		return nil, fmt.Errorf("%s %q: %w", n.Labels[0], key, p.err)
	}
	return out, nil
}

func decodeMembership(r neo4j.Relationship, schoolKey, networkKey string) (*aspnet.Membership, error) {
	p := &props{m: r.Props}
	founding, _ := r.Props["founding"].(bool)
	key := p.str("key")
	m := &aspnet.Membership{
		Key: key, SchoolKey: schoolKey, NetworkKey: networkKey,
		Since: p.optDate("since"), Until: p.optDate("until"),
		Status: aspnet.MembershipStatus(p.str("status")), NationalTerm: p.optStr("nationalTerm"),
		Founding: founding, Citations: p.citations(holderOf("MEMBER_OF", key)),
	}
	return m, p.err
}

var errWrongKind = errors.New("a node of an unexpected kind")
