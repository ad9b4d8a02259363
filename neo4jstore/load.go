package neo4jstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
	"github.com/aspgraph/aspgraph/data"
)

// The labels and relationship types the dataset writes, beyond aspnet's kinds.
const (
	labelGrowthFigure = "GrowthFigure"
	labelClaim        = "Claim"

	relInCountry     = "IN_COUNTRY"
	relInCity        = "IN_CITY"
	relPartOf        = "PART_OF"
	relFigureOf      = "FIGURE_OF"
	relAbout         = "ABOUT"
	relAreaOf        = "AREA_OF"
	relMapsTo        = "MAPS_TO"
	relCovers        = "COVERS"
	relClaimOf       = "CLAIM_OF"
	relMemberOf      = "MEMBER_OF"
	relWorksIn       = "WORKS_IN"
	relHeldAt        = "HELD_AT"
	relOrganizedBy   = "ORGANIZED_BY"
	relMarks         = "MARKS"
	relInKeyArea     = "IN_KEY_AREA"
	relParticipant   = "PARTICIPANT"
	relMadeAt        = "MADE_AT"
	originDataset    = "dataset"
	propOrigin       = "origin"
	propCiteSources  = "citeSources"
	propCiteQuotes   = "citeQuotes"
	propCiteProperty = "citeProperties"
	// propCiteSummaries and propCiteRules are written only where a citation has one: the
	// project's summary of a source whose words it does not hold, and the rule of a DERIVED
	// fact.
	propCiteSummaries = "citeSummaries"
	propCiteRules     = "citeRules"
	// propBasis is a relationship's basis when it is not STATED (EDITORIAL or DERIVED);
	// propReasoning the curators' reasoning for an EDITORIAL one.
	propBasis     = "basis"
	propReasoning = "reasoning"
	// propSortKey is the collation key of a node's name (a source's title) that lists order
	// by; see package collation.
	propSortKey = "sortKey"
	// The names a node bears, as setNames stores them.
	propNames           = "names"
	propNameKinds       = "nameKinds"
	propNameLangs       = "nameLangs"
	propNameCiteOf      = "nameCiteOf"
	propNameCiteSources = "nameCiteSources"
	propNameCiteQuotes  = "nameCiteQuotes"
	// propLoadHash is the fingerprint of the properties a load gave a node or relationship.
	propLoadHash = "loadHash"
	// propIdentityCity is the city key a school row gives load_nodes to make its identity of;
	// it is not stored.
	propIdentityCity = "identityCity"
)

// identityDated names the kinds whose identity the load sets on their nodes, as the API's
// creates make it, beyond schools: true where the identity has the date (events).
var identityDated = map[aspnet.Kind]bool{aspnet.KindEvent: true, aspnet.KindOrganization: false, aspnet.KindKeyArea: false}

// loadRow is the row load_nodes takes for a node.
func loadRow(n nodeRow) map[string]any {
	row := map[string]any{"key": n.key, "props": n.props}
	if dated, ok := identityDated[aspnet.Kind(n.label)]; ok {
		row["identityDated"] = dated
	}
	return row
}

// loadTimeout bounds the load's one transaction: far longer than a request's, since it
// writes the whole dataset, and a busy machine must not make it fail.
const loadTimeout = 5 * time.Minute

// LoadStats says what a load changed.
type LoadStats struct {
	Nodes, Relationships              int
	NodesCreated, NodesDeleted        int
	RelationshipsCreated, RelsDeleted int
	PropertiesSet                     int
}

type nodeRow struct {
	label string
	key   string
	props map[string]any
}

type relRow struct {
	from, typ, to  string // labels and type
	fromKey, toKey string
	key            string
	props          map[string]any
}

// graphRows is the dataset as rows of nodes and relationships to write.
type graphRows struct {
	nodes []nodeRow
	rels  []relRow
	label map[string]string // node key -> label
}

// Load writes the dataset into the graph in one transaction, creating constraints and indexes
// first. It is idempotent: loading the same dataset again changes nothing. Entries an earlier
// load wrote that the dataset no longer holds are removed; what the API wrote stays. Each node
// and relationship records a fingerprint of what the dataset gave it (propLoadHash), and a
// load rewrites only those whose entry in the dataset changed, so that changes made through
// the API to loaded entries survive a reload of the same data. Schools, events,
// organisations and key areas get their identity, as the API's creates give it, so that
// creating a loaded entity again finds it.
func (s *Store) Load(ctx context.Context, d *data.Dataset) (st LoadStats, err error) {
	defer wrap(&err, "neo4jstore.Load")
	if err := s.Migrate(ctx); err != nil {
		return st, err
	}
	g := rowsOf(d)
	st.Nodes, st.Relationships = len(g.nodes), len(g.rels)
	add := func(c neo4j.Counters) {
		st.NodesCreated += c.NodesCreated()
		st.NodesDeleted += c.NodesDeleted()
		st.RelationshipsCreated += c.RelationshipsCreated()
		st.RelsDeleted += c.RelationshipsDeleted()
		st.PropertiesSet += c.PropertiesSet()
	}
	err = s.writeWithin(ctx, loadTimeout, func(tx neo4j.ManagedTransaction) error {
		st = LoadStats{Nodes: st.Nodes, Relationships: st.Relationships}
		nodeKeys := make([]string, 0, len(g.nodes))
		for _, batch := range groupBy(g.nodes, func(n nodeRow) string { return n.label }) {
			rows := make([]map[string]any, len(batch))
			for i, n := range batch {
				rows[i] = loadRow(n)
				nodeKeys = append(nodeKeys, n.key)
			}
			c, err := runWrite(ctx, tx, template(query("load_nodes"), map[string]string{"label": batch[0].label}), map[string]any{"rows": rows})
			if err != nil {
				return fmt.Errorf("nodes %s: %w", batch[0].label, err)
			}
			add(c)
		}
		relKeys := make([]string, 0, len(g.rels))
		for _, batch := range groupBy(g.rels, func(r relRow) string { return r.from + " " + r.typ + " " + r.to }) {
			rows := make([]map[string]any, len(batch))
			for i, r := range batch {
				rows[i] = map[string]any{"key": r.key, "from": r.fromKey, "to": r.toKey, "props": r.props}
				relKeys = append(relKeys, r.key)
			}
			b := batch[0]
			c, err := runWrite(ctx, tx, template(query("load_rels"), map[string]string{"from": b.from, "type": b.typ, "to": b.to}), map[string]any{"rows": rows})
			if err != nil {
				return fmt.Errorf("relationships (:%s)-[:%s]->(:%s): %w", b.from, b.typ, b.to, err)
			}
			add(c)
		}
		c, err := runWrite(ctx, tx, query("load_prune"), map[string]any{"nodeKeys": nodeKeys, "relKeys": relKeys})
		if err != nil {
			return fmt.Errorf("prune: %w", err)
		}
		add(c)
		return nil
	})
	return st, err
}

// groupBy splits rows into groups of equal key, in key order, keeping each group's order, so
// that each group can be written with one statement.
func groupBy[T any](rows []T, key func(T) string) [][]T {
	by := map[string][]T{}
	for _, r := range rows {
		by[key(r)] = append(by[key(r)], r)
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]T, 0, len(keys))
	for _, k := range keys {
		out = append(out, by[k])
	}
	return out
}

// rowsOf turns a validated dataset into rows. Dates are stored three ways: as given ("1996"),
// and as the first (…From) and last (…To) day they cover, for filters.
func rowsOf(d *data.Dataset) *graphRows {
	g := &graphRows{label: map[string]string{}}
	node := func(label, key string, cites []data.Citation, props map[string]any) {
		props["key"] = key
		props[propOrigin] = originDataset
		setCites(props, cites)
		g.nodes = append(g.nodes, nodeRow{label: label, key: key, props: props})
		g.label[key] = label
	}
	type pendingRel struct {
		fromKey, typ, toKey, disc string
		cites                     []data.Citation
		props                     map[string]any
	}
	var pending []pendingRel
	rel := func(fromKey, typ, toKey string, cites []data.Citation, props map[string]any, disc ...string) {
		if props == nil {
			props = map[string]any{}
		}
		p := pendingRel{fromKey: fromKey, typ: typ, toKey: toKey, cites: cites, props: props}
		if len(disc) > 0 {
			p.disc = disc[0]
		}
		pending = append(pending, p)
	}
	links := func(fromKey, typ string, ls []data.Link) {
		for i, l := range ls {
			p := map[string]any{"order": i + 1}
			if l.Basis != "" {
				p[propBasis] = l.Basis
				setStr(p, propReasoning, l.Reasoning)
			}
			rel(fromKey, typ, l.ID, l.Cite, p)
		}
	}

	for _, x := range d.Sources {
		p := map[string]any{"title": x.Title, propSortKey: collation.Key(x.Title, "")}
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
		rel(x.ID, relInCountry, x.Country, fieldCites(x.Cite, "country"), nil)
	}
	for _, x := range d.Networks {
		p := named(x.Name, x.Names)
		p["scope"] = x.Scope
		setDate(p, "launched", x.Launched)
		setStr(p, "originalName", x.OriginalName)
		setStr(p, "objective", x.Objective)
		node(string(aspnet.KindNetwork), x.ID, x.Cite, p)
		if x.Country != "" {
			rel(x.ID, relInCountry, x.Country, fieldCites(x.Cite, "country"), nil)
		}
		if x.Parent != "" {
			rel(x.ID, relPartOf, x.Parent, fieldCites(x.Cite, "parent"), nil)
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
		node(labelGrowthFigure, x.ID, x.Cite, p)
		rel(x.ID, relFigureOf, x.Network, fieldCites(x.Cite, "network"), nil)
	}
	for _, x := range d.Notes {
		p := map[string]any{"text": x.Text}
		setDate(p, "date", x.Date)
		node(string(aspnet.KindNote), x.ID, x.Cite, p)
		for i, about := range x.About {
			rel(x.ID, relAbout, about, x.Cite, map[string]any{"order": i + 1})
		}
	}
	for _, x := range d.KeyAreas {
		p := named(x.Name, x.Names)
		setStr(p, "abbreviation", x.Abbreviation)
		node(string(aspnet.KindKeyArea), x.ID, x.Cite, p)
		for _, per := range x.Periods {
			rp := map[string]any{"label": per.Label}
			setDate(rp, "from", per.From)
			setDate(rp, "to", per.To)
			rel(x.ID, relAreaOf, per.Network, per.Cite, rp, per.Label)
		}
		links(x.ID, relMapsTo, x.MapsTo)
	}
	for _, x := range d.Organizations {
		node(string(aspnet.KindOrganization), x.ID, x.Cite, named(x.Name, x.Names))
		if x.City != "" {
			rel(x.ID, relInCity, x.City, fieldCites(x.Cite, "city"), nil)
		}
		links(x.ID, relCovers, x.Covers)
		links(x.ID, relPartOf, x.PartOf)
		for i, c := range x.Founded {
			key := x.ID + "-founded-" + strconv.Itoa(i+1)
			p := map[string]any{"property": "founded"}
			setDate(p, "date", c.Date)
			node(labelClaim, key, c.Cite, p)
			rel(key, relClaimOf, x.ID, c.Cite, nil)
		}
	}
	for _, x := range d.Schools {
		// load_nodes makes the school's identity of its name and identityCity.
		p := named(x.Name, x.Names)
		p[propIdentityCity] = x.City
		node(string(aspnet.KindSchool), x.ID, x.Cite, p)
		if x.City != "" {
			rel(x.ID, relInCity, x.City, fieldCites(x.Cite, "city"), nil)
		}
		for _, m := range x.Memberships {
			p := map[string]any{"status": m.Status, "founding": m.Founding}
			setDate(p, "since", m.Since)
			setDate(p, "until", m.Until)
			setStr(p, "nationalTerm", m.NationalTerm)
			rel(x.ID, relMemberOf, m.Network, m.Cite, p)
		}
		links(x.ID, relWorksIn, x.KeyAreas)
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
		node(string(aspnet.KindEvent), x.ID, x.Cite, p)
		if x.Venue != "" {
			rel(x.ID, relHeldAt, x.Venue, fieldCites(x.Cite, "venue"), nil)
		}
		if x.City != "" {
			rel(x.ID, relInCity, x.City, fieldCites(x.Cite, "city"), nil)
		}
		if x.PartOf != "" {
			rel(x.ID, relPartOf, x.PartOf, fieldCites(x.Cite, "partOf"), nil)
		}
		links(x.ID, relOrganizedBy, x.Organizers)
		for i, o := range x.Occasions {
			rel(x.ID, relMarks, o.ID, o.Cite, map[string]any{"relation": o.Relation, "order": i + 1})
		}
		links(x.ID, relInKeyArea, x.KeyAreas)
		links(x.ID, relParticipant, x.ParticipatingCountries)
		links(x.ID, relParticipant, x.ParticipatingNetworks)
		links(x.ID, relParticipant, x.ParticipatingSchools)
		for _, a := range x.Appeals {
			ap := map[string]any{"text": a.Text}
			setStr(ap, "by", a.By)
			setStr(ap, "to", a.To)
			node(string(aspnet.KindAppeal), a.ID, a.Cite, ap)
			rel(a.ID, relMadeAt, x.ID, a.Cite, nil)
		}
	}
	for i := range g.nodes {
		g.nodes[i].props[propLoadHash] = fingerprint(g.nodes[i].props)
	}
	for _, p := range pending {
		key := p.fromKey + "|" + p.typ + "|" + p.toKey
		if p.disc != "" {
			key += "|" + p.disc
		}
		p.props["key"] = key
		p.props[propOrigin] = originDataset
		if o, ok := p.props["order"].(int); ok {
			p.props["order"] = int64(o)
		}
		setCites(p.props, p.cites)
		if _, set := p.props[propBasis]; !set {
			if b := citesBasis(p.cites); b != aspnet.BasisStated {
				p.props[propBasis] = string(b)
			}
		}
		p.props[propLoadHash] = fingerprint(p.props)
		g.rels = append(g.rels, relRow{
			from: g.label[p.fromKey], typ: p.typ, to: g.label[p.toKey],
			fromKey: p.fromKey, toKey: p.toKey, key: key, props: p.props,
		})
	}
	return g
}

// named returns the properties of an entry's name: the display name, its sort key (in the
// language its names give it, see package collation) and its names (see setNames).
func named(display string, names []data.Name) map[string]any {
	lang := ""
	for _, n := range names {
		if n.Value == display {
			lang = n.Lang
		}
	}
	p := map[string]any{"name": display, propSortKey: collation.Key(display, lang)}
	setNames(p, names)
	return p
}

// setNames stores names as lists of equal length, since Neo4j properties cannot hold maps:
// names (the values, which the name filters and the full-text index read), nameKinds and
// nameLangs ("" where none); and their citations as three more lists of equal length,
// nameCiteOf (the index of the cited name), nameCiteSources and nameCiteQuotes ("" where
// none).
func setNames(p map[string]any, names []data.Name) {
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
	p[propNames], p[propNameKinds], p[propNameLangs] = values, kinds, langs
	p[propNameCiteOf], p[propNameCiteSources], p[propNameCiteQuotes] = citeOf, citeSources, citeQuotes
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
	p[name+"From"] = neo4j.DateOf(d.Start())
	p[name+"To"] = neo4j.DateOf(d.End())
}

// setCites stores citations as three lists of equal length: sources, quotes and properties
// ("" where none), since Neo4j properties cannot hold maps.
func setCites(p map[string]any, cites []data.Citation) {
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
	p[propCiteSources] = src
	p[propCiteQuotes] = quotes
	p[propCiteProperty] = props
	if anySummary {
		p[propCiteSummaries] = summaries
	}
	if anyRule {
		p[propCiteRules] = rules
	}
}

// citesBasis is the basis of a link its citations support: DERIVED when one of them has a
// rule, STATED otherwise.
func citesBasis(cites []data.Citation) aspnet.Basis {
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
func fieldCites(cites []data.Citation, field string) []data.Citation {
	var own, whole []data.Citation
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
		if d, ok := v.(neo4j.Date); ok {
			v = d.Time().Format(time.DateOnly)
		}
		_, _ = fmt.Fprintf(h, "%q=%#v\n", k, v)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// DatasetGraph is the dataset as the load writes it, in the export's terms: what
// provenance.Check reads, so that data/ is checked before anything reaches Neo4j. Dates are
// given as the export reads them (Date).
func DatasetGraph(d *data.Dataset) ([]GraphNode, []GraphRel) {
	g := rowsOf(d)
	plain := func(props map[string]any) map[string]any {
		out := make(map[string]any, len(props))
		for k, v := range props {
			switch x := v.(type) {
			case neo4j.Date:
				v = Date(x.Time().Format(time.DateOnly))
			case []string:
				l := make([]any, len(x))
				for i, s := range x {
					l[i] = s
				}
				v = l
			}
			if k != "key" {
				out[k] = v
			}
		}
		return out
	}
	nodes := make([]GraphNode, len(g.nodes))
	for i, n := range g.nodes {
		nodes[i] = GraphNode{NodeRef: NodeRef{Label: n.label, Key: n.key}, Props: plain(n.props)}
	}
	rels := make([]GraphRel, len(g.rels))
	for i, r := range g.rels {
		rels[i] = GraphRel{Type: r.typ, Key: r.key, From: NodeRef{Label: r.from, Key: r.fromKey}, To: NodeRef{Label: r.to, Key: r.toKey}, Props: plain(r.props)}
	}
	return nodes, rels
}
