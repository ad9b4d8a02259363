package provenance

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Check reports on the provenance of a graph: the nodes and relationships of the knowledge
// graph as the export reads them from Neo4j (transfer.Collect) or as the load writes them
// from data/ (data.Dataset.Graph). Every entity but a Source, and every relationship,
// is a fact that needs a citation or, for a relationship, the EDITORIAL basis with its
// reasoning; every quote must be found, normalised (Normalize), in a passage of t that holds
// its source's words (Passage.Of: the facts file names the passage's page by the source's
// address, or the source's heldIn names the passage's section). Removal records are not
// facts and are left out.
func Check(nodes []aspnet.GraphNode, rels []aspnet.GraphRel, t *Texts) *aspnet.DataQuality {
	q := &aspnet.DataQuality{Citations: &aspnet.CitationCounts{}}
	type held struct {
		url    string
		heldIn []string
	}
	sources := map[string]held{}
	for _, n := range nodes {
		if n.Label == string(aspnet.KindSource) {
			u, _ := n.Props["url"].(string)
			sources[n.Key] = held{url: u, heldIn: strs(n.Props["heldIn"])}
		}
	}
	cites := func(subject string, props map[string]any) int {
		src := strs(props[aspnet.PropCiteSources])
		quotes, summaries, rules := strs(props[aspnet.PropCiteQuotes]), strs(props[aspnet.PropCiteSummaries]), strs(props[aspnet.PropCiteRules])
		for i, s := range src {
			c := q.Citations
			c.Total++
			quote, summary, rule := at(quotes, i), at(summaries, i), at(rules, i)
			switch {
			case quote != "":
				c.Quoted++
			case summary != "":
				c.Summarised++
			default:
				c.SourceOnly++
			}
			if rule != "" {
				c.Derived++
			}
			if quote == "" {
				continue
			}
			h, known := sources[s]
			found := t.Find(quote)
			var text string
			switch {
			case !known:
				text = fmt.Sprintf("the source %q is not in the graph", s)
			case len(found) == 0 && h.url == "" && len(h.heldIn) == 0:
				text = "the project holds no text of this source, so the quote cannot be checked; cite it with a summary instead"
			case len(found) == 0:
				text = "the quote is not in the project's copy of the source's text"
			default:
				of := false
				for _, p := range found {
					of = of || p.Of(h.url, h.heldIn)
				}
				if of {
					continue
				}
				labels := make([]string, len(found))
				for j, p := range found {
					labels[j] = p.Label
				}
				text = fmt.Sprintf("the quote is in the held texts (%s), but not in a passage of this source", strings.Join(labels, ", "))
			}
			q.QuotesNotFound = append(q.QuotesNotFound, &aspnet.QualityFinding{Subject: subject, Source: ptr(s), Quote: ptr(quote), Text: text})
		}
		return len(src)
	}
	for _, n := range nodes {
		if n.Label == aspnet.LabelRemoval {
			continue
		}
		subject := n.Label + ":" + n.Key
		if cites(subject, n.Props) == 0 && n.Label != string(aspnet.KindSource) {
			q.Uncited = append(q.Uncited, &aspnet.QualityFinding{Subject: subject, Text: "no citation"})
		}
		// The citations of the node's names (a name the curators composed cites nothing):
		// their quotes must be their sources' words too.
		cites(subject+" (names)", map[string]any{aspnet.PropCiteSources: n.Props[aspnet.PropNameCiteSources], aspnet.PropCiteQuotes: n.Props[aspnet.PropNameCiteQuotes]})
	}
	byBasis := map[aspnet.Basis]int{}
	for _, r := range rels {
		subject := fmt.Sprintf("%s -%s-> %s", r.From, r.Type, r.To)
		n := cites(subject, r.Props)
		b, _ := r.Props[aspnet.PropBasis].(string)
		reasoning, _ := r.Props[aspnet.PropReasoning].(string)
		basis := aspnet.Basis(b)
		if !basis.Valid() {
			basis = aspnet.BasisStated
		}
		byBasis[basis]++
		switch {
		case basis == aspnet.BasisEditorial && strings.TrimSpace(reasoning) == "":
			q.Uncited = append(q.Uncited, &aspnet.QualityFinding{Subject: subject, Text: "an EDITORIAL link without its reasoning"})
		case basis == aspnet.BasisEditorial:
			q.EditorialLinks = append(q.EditorialLinks, &aspnet.QualityFinding{Subject: subject, Text: reasoning})
		case n == 0:
			q.Uncited = append(q.Uncited, &aspnet.QualityFinding{Subject: subject, Text: "no citation, and not marked EDITORIAL"})
		}
	}
	for _, b := range aspnet.Bases {
		q.LinksByBasis = append(q.LinksByBasis, &aspnet.BasisCount{Basis: b, Links: byBasis[b]})
	}
	q.Disputes = disputes(nodes, rels)
	return q
}

// disputes finds the growth figures that disagree (aspnet.Disputes, per network) and the
// organisations with founding claims of different dates.
func disputes(nodes []aspnet.GraphNode, rels []aspnet.GraphRel) []*aspnet.QualityDispute {
	figures := map[string]aspnet.GraphNode{}
	claims := map[string]aspnet.GraphNode{}
	for _, n := range nodes {
		switch n.Label {
		case "GrowthFigure":
			figures[n.Key] = n
		case "Claim":
			claims[n.Key] = n
		}
	}
	byNetwork := map[string][]*aspnet.GrowthPoint{}
	byOrg := map[string][]aspnet.GraphNode{}
	for _, r := range rels {
		switch r.Type {
		case "FIGURE_OF":
			if f, ok := figures[r.From.Key]; ok {
				if p := pointOf(f); p != nil {
					byNetwork[r.To.String()] = append(byNetwork[r.To.String()], p)
				}
			}
		case "CLAIM_OF":
			if c, ok := claims[r.From.Key]; ok {
				byOrg[r.To.String()] = append(byOrg[r.To.String()], c)
			}
		}
	}
	var out []*aspnet.QualityDispute
	for _, net := range slices.Sorted(maps.Keys(byNetwork)) {
		for _, d := range aspnet.Disputes(byNetwork[net]) {
			qd := &aspnet.QualityDispute{About: net, Measure: string(d.Measure)}
			for _, c := range d.Claims {
				qd.Claims = append(qd.Claims, "GrowthFigure:"+c.Key)
			}
			out = append(out, qd)
		}
	}
	for _, org := range slices.Sorted(maps.Keys(byOrg)) {
		cs := byOrg[org]
		dates := map[string]bool{}
		for _, c := range cs {
			d, _ := c.Props["date"].(string)
			dates[d] = true
		}
		if len(dates) < 2 {
			continue
		}
		qd := &aspnet.QualityDispute{About: org, Measure: "founded"}
		for _, c := range cs {
			qd.Claims = append(qd.Claims, c.Label+":"+c.Key)
		}
		sort.Strings(qd.Claims)
		out = append(out, qd)
	}
	return out
}

// pointOf reads a growth figure's counts and date, as aspnet.Disputes compares them.
func pointOf(n aspnet.GraphNode) *aspnet.GrowthPoint {
	s, _ := n.Props["date"].(string)
	d, err := aspnet.ParseDate(s)
	if err != nil {
		return nil
	}
	p := &aspnet.GrowthPoint{Key: n.Key, Date: d, Basis: aspnet.BasisPublished}
	count := func(name string) (*int, *aspnet.Qualifier) {
		v, ok := n.Props[name].(int64)
		if !ok {
			return nil, nil
		}
		c := int(v)
		q := aspnet.QualifierExact
		if s, ok := n.Props[name+"Qualifier"].(string); ok && aspnet.Qualifier(s).Valid() {
			q = aspnet.Qualifier(s)
		}
		return &c, &q
	}
	p.Schools, p.SchoolsQualifier = count("schools")
	p.Countries, p.CountriesQualifier = count("countries")
	p.Candidates, p.CandidatesQualifier = count("candidates")
	return p
}

func strs(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		out := make([]string, len(l))
		for i, x := range l {
			out[i], _ = x.(string)
		}
		return out
	}
	return nil
}

func at(l []string, i int) string {
	if i < len(l) {
		return l[i]
	}
	return ""
}

func ptr(s string) *string { return &s }
