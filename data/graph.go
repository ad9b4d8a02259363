package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"sort"
	"strconv"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// Graph is the dataset as the load writes it, in the bulk graph's terms: every entry a node
// keyed by its id, every reference a relationship, each with its citations, its origin
// (aspnet.OriginDataset) and its fingerprint (aspnet.PropLoadHash); schools, events,
// organisations and key areas with their identity, as the API's creates make it. Dates are
// held three ways: as given ("1996"), and as the first (…From) and last (…To) day they cover,
// for filters. provenance.Check reads it too, so that data/ is checked before anything
// reaches Neo4j.
func (d *Dataset) Graph() aspnet.Graph {
	type pendingNode struct {
		aspnet.GraphRef
		props    map[string]any
		identity string
		// hashed are what the fingerprint covers beyond props: what the identity is made of
		// that props do not hold (a school's city key, as identityCity).
		hashed map[string]any
	}
	var nodes []*pendingNode
	labelOf := map[string]string{} // node key -> label
	node := func(label, key string, cites []Citation, props map[string]any) *pendingNode {
		props["key"] = key
		props[aspnet.PropOrigin] = aspnet.OriginDataset
		setCites(props, cites)
		n := &pendingNode{GraphRef: aspnet.GraphRef{Label: label, Key: key}, props: props}
		nodes = append(nodes, n)
		labelOf[key] = label
		return n
	}
	type pendingRel struct {
		fromKey, typ, toKey, disc string
		cites                     []Citation
		props                     map[string]any
	}
	var pending []pendingRel
	rel := func(fromKey, typ, toKey string, cites []Citation, props map[string]any, disc ...string) {
		if props == nil {
			props = map[string]any{}
		}
		p := pendingRel{fromKey: fromKey, typ: typ, toKey: toKey, cites: cites, props: props}
		if len(disc) > 0 {
			p.disc = disc[0]
		}
		pending = append(pending, p)
	}
	links := func(fromKey, typ string, ls []Link) {
		for i, l := range ls {
			p := map[string]any{"order": i + 1}
			if l.Basis != "" {
				p[aspnet.PropBasis] = l.Basis
				setStr(p, aspnet.PropReasoning, l.Reasoning)
			}
			rel(fromKey, typ, l.ID, l.Cite, p)
		}
	}

	for _, x := range d.Sources {
		p := map[string]any{"title": x.Title, aspnet.PropSortKey: collation.Key(x.Title, "")}
		setStr(p, "url", x.URL)
		setStr(p, "publisher", x.Publisher)
		setStr(p, "note", x.Note)
		setDate(p, "published", x.Published)
		if len(x.HeldIn) > 0 {
			p["heldIn"] = x.HeldIn
		}
		node(string(aspnet.KindSource), x.ID, nil, p)
	}
	for _, x := range d.Countries {
		p := named(x.Name, x.Names)
		setDate(p, "independence", x.Independence)
		setDate(p, "unescoMemberSince", x.UNESCOMemberSince)
		node(string(aspnet.KindCountry), x.ID, x.Cite, p)
	}
	for _, x := range d.Cities {
		node(string(aspnet.KindCity), x.ID, x.Cite, named(x.Name, x.Names))
		rel(x.ID, aspnet.TypeInCountry, x.Country, fieldCites(x.Cite, "country"), nil)
	}
	for _, x := range d.Networks {
		p := named(x.Name, x.Names)
		p["scope"] = x.Scope
		setDate(p, "launched", x.Launched)
		setStr(p, "originalName", x.OriginalName)
		setStr(p, "objective", x.Objective)
		node(string(aspnet.KindNetwork), x.ID, x.Cite, p)
		if x.Country != "" {
			rel(x.ID, aspnet.TypeInCountry, x.Country, fieldCites(x.Cite, "country"), nil)
		}
		if x.Parent != "" {
			rel(x.ID, aspnet.TypePartOf, x.Parent, fieldCites(x.Cite, "parent"), nil)
		}
	}
	for _, x := range d.GrowthFigures {
		p := map[string]any{}
		setDate(p, "date", x.Date)
		setInt(p, "schools", x.Schools)
		setInt(p, "countries", x.Countries)
		setInt(p, "candidates", x.Candidates)
		setStr(p, "schoolsQualifier", x.SchoolsQualifier)
		setStr(p, "countriesQualifier", x.CountriesQualifier)
		setStr(p, "candidatesQualifier", x.CandidatesQualifier)
		setStr(p, "unit", x.Unit)
		node(aspnet.LabelGrowthFigure, x.ID, x.Cite, p)
		rel(x.ID, aspnet.TypeFigureOf, x.Network, fieldCites(x.Cite, "network"), nil)
	}
	for _, x := range d.Notes {
		p := map[string]any{"text": x.Text}
		setDate(p, "date", x.Date)
		node(string(aspnet.KindNote), x.ID, x.Cite, p)
		for i, about := range x.About {
			rel(x.ID, aspnet.TypeAbout, about, x.Cite, map[string]any{"order": i + 1})
		}
	}
	for _, x := range d.KeyAreas {
		p := named(x.Name, x.Names)
		setStr(p, "abbreviation", x.Abbreviation)
		node(string(aspnet.KindKeyArea), x.ID, x.Cite, p).identity = aspnet.NameIdentity(x.Name)
		for _, per := range x.Periods {
			rp := map[string]any{"label": per.Label}
			setDate(rp, "from", per.From)
			setDate(rp, "to", per.To)
			rel(x.ID, aspnet.TypeAreaOf, per.Network, per.Cite, rp, per.Label)
		}
		links(x.ID, aspnet.TypeMapsTo, x.MapsTo)
	}
	for _, x := range d.Organizations {
		node(string(aspnet.KindOrganization), x.ID, x.Cite, named(x.Name, x.Names)).identity = aspnet.NameIdentity(x.Name)
		if x.City != "" {
			rel(x.ID, aspnet.TypeInCity, x.City, fieldCites(x.Cite, "city"), nil)
		}
		links(x.ID, aspnet.TypeCovers, x.Covers)
		links(x.ID, aspnet.TypePartOf, x.PartOf)
		for i, c := range x.Founded {
			key := x.ID + "-founded-" + strconv.Itoa(i+1)
			p := map[string]any{"property": "founded"}
			setDate(p, "date", c.Date)
			node(aspnet.LabelClaim, key, c.Cite, p)
			rel(key, aspnet.TypeClaimOf, x.ID, c.Cite, nil)
		}
	}
	for _, x := range d.Schools {
		n := node(string(aspnet.KindSchool), x.ID, x.Cite, named(x.Name, x.Names))
		n.identity, n.hashed = aspnet.SchoolIdentity(x.Name, x.City), map[string]any{"identityCity": x.City}
		if x.City != "" {
			rel(x.ID, aspnet.TypeInCity, x.City, fieldCites(x.Cite, "city"), nil)
		}
		for _, m := range x.Memberships {
			p := map[string]any{"status": m.Status, "founding": m.Founding}
			setDate(p, "since", m.Since)
			setDate(p, "until", m.Until)
			setStr(p, "nationalTerm", m.NationalTerm)
			rel(x.ID, aspnet.TypeMemberOf, m.Network, m.Cite, p)
		}
		links(x.ID, aspnet.TypeWorksIn, x.KeyAreas)
	}
	for _, x := range d.Occasions {
		p := named(x.Name, x.Names)
		setDate(p, "date", x.Date)
		setStr(p, "recurs", x.Recurs)
		setDate(p, "established", x.Established)
		node(string(aspnet.KindOccasion), x.ID, x.Cite, p)
	}
	for _, x := range d.Events {
		p := named(x.Name, x.Names)
		setStr(p, "kind", x.Kind)
		setDate(p, "date", x.Date)
		setDate(p, "endDate", x.EndDate)
		setStr(p, "description", x.Description)
		setStr(p, "purpose", x.Purpose)
		if x.Order > 0 {
			p["order"] = int64(x.Order)
		}
		node(string(aspnet.KindEvent), x.ID, x.Cite, p).identity = aspnet.EventIdentity(x.Name, aspnet.MustParseDate(x.Date))
		if x.Venue != "" {
			rel(x.ID, aspnet.TypeHeldAt, x.Venue, fieldCites(x.Cite, "venue"), nil)
		}
		if x.City != "" {
			rel(x.ID, aspnet.TypeInCity, x.City, fieldCites(x.Cite, "city"), nil)
		}
		if x.PartOf != "" {
			rel(x.ID, aspnet.TypePartOf, x.PartOf, fieldCites(x.Cite, "partOf"), nil)
		}
		links(x.ID, aspnet.TypeOrganizedBy, x.Organizers)
		for i, o := range x.Occasions {
			rel(x.ID, aspnet.TypeMarks, o.ID, o.Cite, map[string]any{"relation": o.Relation, "order": i + 1})
		}
		links(x.ID, aspnet.TypeInKeyArea, x.KeyAreas)
		links(x.ID, aspnet.TypeParticipant, x.ParticipatingCountries)
		links(x.ID, aspnet.TypeParticipant, x.ParticipatingNetworks)
		links(x.ID, aspnet.TypeParticipant, x.ParticipatingSchools)
		for _, a := range x.Appeals {
			ap := map[string]any{"text": a.Text}
			setStr(ap, "by", a.By)
			setStr(ap, "to", a.To)
			node(string(aspnet.KindAppeal), a.ID, a.Cite, ap)
			rel(a.ID, aspnet.TypeMadeAt, x.ID, a.Cite, nil)
		}
	}
	g := aspnet.Graph{Nodes: make([]aspnet.GraphNode, len(nodes)), Rels: make([]aspnet.GraphRel, len(pending))}
	for i, n := range nodes {
		hashed := maps.Clone(n.props)
		maps.Copy(hashed, n.hashed)
		n.props[aspnet.PropLoadHash] = fingerprint(hashed)
		g.Nodes[i] = aspnet.GraphNode{GraphRef: n.GraphRef, Props: plain(n.props)}
		if n.identity != "" {
			g.Nodes[i].Props[aspnet.PropIdentity] = n.identity
		}
	}
	for i, p := range pending {
		key := p.fromKey + "|" + p.typ + "|" + p.toKey
		if p.disc != "" {
			key += "|" + p.disc
		}
		p.props["key"] = key
		p.props[aspnet.PropOrigin] = aspnet.OriginDataset
		if o, ok := p.props["order"].(int); ok {
			p.props["order"] = int64(o)
		}
		setCites(p.props, p.cites)
		if _, set := p.props[aspnet.PropBasis]; !set {
			if b := citesBasis(p.cites); b != aspnet.BasisStated {
				p.props[aspnet.PropBasis] = string(b)
			}
		}
		p.props[aspnet.PropLoadHash] = fingerprint(p.props)
		g.Rels[i] = aspnet.GraphRel{
			Type: p.typ, Key: key, Props: plain(p.props),
			From: aspnet.GraphRef{Label: labelOf[p.fromKey], Key: p.fromKey}, To: aspnet.GraphRef{Label: labelOf[p.toKey], Key: p.toKey},
		}
	}
	return g
}

// plain is props as the bulk graph holds them: without the key (which the reference holds),
// lists as []any.
func plain(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		switch x := v.(type) {
		case []string:
			v = anyList(x)
		case []int64:
			v = anyList(x)
		}
		if k != "key" {
			out[k] = v
		}
	}
	return out
}

func anyList[T any](l []T) []any {
	out := make([]any, len(l))
	for i, v := range l {
		out[i] = v
	}
	return out
}

// named returns the properties of an entry's name: the display name, its sort key (in the
// language its names give it, see package collation) and its names (see setNames).
func named(display string, names []Name) map[string]any {
	lang := ""
	for _, n := range names {
		if n.Value == display {
			lang = n.Lang
		}
	}
	p := map[string]any{"name": display, aspnet.PropSortKey: collation.Key(display, lang)}
	setNames(p, names)
	return p
}

// setNames stores names as lists of equal length, since Neo4j properties cannot hold maps:
// names (the values, which the name filters and the full-text index read), nameKinds and
// nameLangs ("" where none); and their citations as three more lists of equal length,
// nameCiteOf (the index of the cited name), nameCiteSources and nameCiteQuotes ("" where
// none).
func setNames(p map[string]any, names []Name) {
	if len(names) == 0 {
		return
	}
	values := make([]string, len(names))
	kinds := make([]string, len(names))
	langs := make([]string, len(names))
	citeOf, citeSources, citeQuotes := []int64{}, []string{}, []string{}
	for i, n := range names {
		values[i], kinds[i], langs[i] = n.Value, n.Kind, n.Lang
		for _, c := range n.Cite {
			citeOf = append(citeOf, int64(i))
			citeSources = append(citeSources, c.Source)
			citeQuotes = append(citeQuotes, c.Quote)
		}
	}
	p[aspnet.PropNames], p[aspnet.PropNameKinds], p[aspnet.PropNameLangs] = values, kinds, langs
	p[aspnet.PropNameCiteOf], p[aspnet.PropNameCiteSources], p[aspnet.PropNameCiteQuotes] = citeOf, citeSources, citeQuotes
}

func setStr(p map[string]any, name, v string) {
	if v != "" {
		p[name] = v
	}
}

func setInt(p map[string]any, name string, v *int) {
	if v != nil {
		p[name] = int64(*v)
	}
}

// setDate stores a validated date as given and as the days it starts and ends on.
func setDate(p map[string]any, name, v string) {
	if v == "" {
		return
	}
	d := aspnet.MustParseDate(v)
	p[name] = d.String()
	p[name+"From"] = aspnet.Day(d.Start().Format(time.DateOnly))
	p[name+"To"] = aspnet.Day(d.End().Format(time.DateOnly))
}

// setCites stores citations as three lists of equal length: sources, quotes and properties
// ("" where none), since Neo4j properties cannot hold maps.
func setCites(p map[string]any, cites []Citation) {
	if len(cites) == 0 {
		return
	}
	src := make([]string, len(cites))
	quotes := make([]string, len(cites))
	props := make([]string, len(cites))
	summaries := make([]string, len(cites))
	rules := make([]string, len(cites))
	anySummary, anyRule := false, false
	for i, c := range cites {
		src[i], quotes[i], props[i] = c.Source, c.Quote, c.Property
		summaries[i], rules[i] = c.Summary, c.Rule
		anySummary = anySummary || c.Summary != ""
		anyRule = anyRule || c.Rule != ""
	}
	p[aspnet.PropCiteSources] = src
	p[aspnet.PropCiteQuotes] = quotes
	p[aspnet.PropCiteProperties] = props
	if anySummary {
		p[aspnet.PropCiteSummaries] = summaries
	}
	if anyRule {
		p[aspnet.PropCiteRules] = rules
	}
}

// citesBasis is the basis of a link its citations support: DERIVED when one of them has a
// rule, STATED otherwise.
func citesBasis(cites []Citation) aspnet.Basis {
	for _, c := range cites {
		if c.Rule != "" {
			return aspnet.BasisDerived
		}
	}
	return aspnet.BasisStated
}

// fieldCites are the citations of the relationship an entry's field makes (its city, venue,
// country, parent or partOf): those that name the field as their property, or else those
// that name no property (which support the whole entry), so that a relationship is credited
// only to what states it.
func fieldCites(cites []Citation, field string) []Citation {
	var own, whole []Citation
	for _, c := range cites {
		switch c.Property {
		case field:
			own = append(own, c)
		case "":
			whole = append(whole, c)
		}
	}
	if len(own) > 0 {
		return own
	}
	return whole
}

// fingerprint is a digest of a row's properties, in key order, so that a load can tell
// whether the dataset changed an entry since the last load.
func fingerprint(props map[string]any) string {
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, k := range names {
		v := props[k]
		if d, ok := v.(aspnet.Day); ok {
			v = string(d)
		}
		_, _ = fmt.Fprintf(h, "%q=%#v\n", k, v)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
