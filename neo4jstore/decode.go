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

func (p *props) citations() []aspnet.Citation {
	src := stringList(p.m[propCiteSources])
	quotes := stringList(p.m[propCiteQuotes])
	which := stringList(p.m[propCiteProperty])
	summaries := stringList(p.m[propCiteSummaries])
	rules := stringList(p.m[propCiteRules])
	at := func(list []string, i int) *string {
		if i < len(list) && list[i] != "" {
			return &list[i]
		}
		return nil
	}
	out := make([]aspnet.Citation, len(src))
	for i, s := range src {
		out[i].SourceKey = s
		out[i].Quote = at(quotes, i)
		out[i].Property = at(which, i)
		out[i].Summary = at(summaries, i)
		out[i].Rule = at(rules, i)
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

// decodeNode maps a Neo4j node to the domain entity its label names.
func decodeNode(n neo4j.Node) (aspnet.Node, error) {
	p := &props{m: n.Props}
	key := p.str("key")
	var out aspnet.Node
	for _, label := range n.Labels {
		switch aspnet.Kind(label) {
		case aspnet.KindSource:
			out = &aspnet.Source{Key: key, Title: p.str("title"), URL: p.optStr("url"), Publisher: p.optStr("publisher"), Published: p.optDate("published"), Note: p.optStr("note"), Citations: p.citations()}
		case aspnet.KindCountry:
			out = &aspnet.Country{Key: key, Name: p.str("name"), Independence: p.optDate("independence"), UNESCOMemberSince: p.optDate("unescoMemberSince"), Citations: p.citations()}
		case aspnet.KindCity:
			out = &aspnet.City{Key: key, Name: p.str("name"), Citations: p.citations()}
		case aspnet.KindNetwork:
			out = &aspnet.Network{Key: key, Name: p.str("name"), Scope: aspnet.NetworkScope(p.str("scope")), Launched: p.optDate("launched"), OriginalName: p.optStr("originalName"), Objective: p.optStr("objective"), Citations: p.citations()}
		case aspnet.KindNote:
			out = &aspnet.Note{Key: key, Date: p.optDate("date"), Text: p.str("text"), Citations: p.citations()}
		case aspnet.KindKeyArea:
			out = &aspnet.KeyArea{Key: key, Name: p.str("name"), Abbreviation: p.optStr("abbreviation"), Citations: p.citations()}
		case aspnet.KindOrganization:
			out = &aspnet.Organization{Key: key, Name: p.str("name"), Citations: p.citations()}
		case aspnet.KindSchool:
			out = &aspnet.School{Key: key, Name: p.str("name"), Citations: p.citations()}
		case aspnet.KindOccasion:
			out = &aspnet.Occasion{Key: key, Name: p.str("name"), Date: p.optDate("date"), Recurs: p.optStr("recurs"), Established: p.optDate("established"), Citations: p.citations()}
		case aspnet.KindAppeal:
			out = &aspnet.Appeal{Key: key, Text: p.str("text"), By: p.optStr("by"), To: p.optStr("to"), Citations: p.citations()}
		case aspnet.KindEvent:
			out = &aspnet.Event{Key: key, Name: p.str("name"), Kind: p.optStr("kind"), Date: p.date("date"), EndDate: p.optDate("endDate"), Description: p.optStr("description"), Purpose: p.optStr("purpose"), Citations: p.citations()}
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
	m := &aspnet.Membership{
		SchoolKey: schoolKey, NetworkKey: networkKey,
		Since: p.optDate("since"), Until: p.optDate("until"),
		Status: aspnet.MembershipStatus(p.str("status")), NationalTerm: p.optStr("nationalTerm"),
		Founding: founding, Citations: p.citations(),
	}
	return m, p.err
}

var errWrongKind = errors.New("a node of an unexpected kind")
