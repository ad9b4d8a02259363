package neo4jstore

import (
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
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
	src := stringList(p.m[propCiteSources])
	quotes := stringList(p.m[propCiteQuotes])
	which := stringList(p.m[propCiteProperty])
	out := make([]aspnet.Citation, len(src))
	for i, s := range src {
		out[i].SourceKey, out[i].Holder, out[i].Index = s, holder, i
		if i < len(quotes) && quotes[i] != "" {
			out[i].Quote = &quotes[i]
		}
		if i < len(which) && which[i] != "" {
			out[i].Property = &which[i]
		}
	}
	return out
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
			out = &aspnet.Country{Key: key, Name: p.str("name"), Independence: p.optDate("independence"), UNESCOMemberSince: p.optDate("unescoMemberSince"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindCity:
			out = &aspnet.City{Key: key, Name: p.str("name"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindNetwork:
			out = &aspnet.Network{Key: key, Name: p.str("name"), Scope: aspnet.NetworkScope(p.str("scope")), Launched: p.optDate("launched"), OriginalName: p.optStr("originalName"), Objective: p.optStr("objective"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindNote:
			out = &aspnet.Note{Key: key, Date: p.optDate("date"), Text: p.str("text"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindKeyArea:
			out = &aspnet.KeyArea{Key: key, Name: p.str("name"), Abbreviation: p.optStr("abbreviation"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindOrganization:
			out = &aspnet.Organization{Key: key, Name: p.str("name"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindSchool:
			out = &aspnet.School{Key: key, Name: p.str("name"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindOccasion:
			out = &aspnet.Occasion{Key: key, Name: p.str("name"), Date: p.optDate("date"), Recurs: p.optStr("recurs"), Established: p.optDate("established"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindAppeal:
			out = &aspnet.Appeal{Key: key, Text: p.str("text"), By: p.optStr("by"), To: p.optStr("to"), Citations: p.citations(holderOf(label, key))}
		case aspnet.KindEvent:
			out = &aspnet.Event{Key: key, Name: p.str("name"), Kind: p.optStr("kind"), Date: p.date("date"), EndDate: p.optDate("endDate"), Description: p.optStr("description"), Purpose: p.optStr("purpose"), Citations: p.citations(holderOf(label, key))}
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
