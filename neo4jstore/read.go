package neo4jstore

import (
	"context"
	"fmt"
	"math"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// NodesByKey returns the entities of kind k with the given keys, by key; keys with no entity
// are absent from the map. One round trip.
func (s *Store) NodesByKey(ctx context.Context, k aspnet.Kind, keys []string) (out map[string]aspnet.Node, err error) {
	defer wrap(&err, "Store.NodesByKey(%s)", k)
	stmt := template(query("nodes_by_key"), map[string]string{"label": string(k)})
	recs, err := s.read(ctx, stmt, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	out = make(map[string]aspnet.Node, len(recs))
	for _, rec := range recs {
		key, _ := rec.Get("key")
		n, err := nodeOf(rec, "n")
		if err != nil {
			return nil, err
		}
		out[key.(string)] = n
	}
	return out, nil
}

// All returns every entity of kind k in the API's order for that kind: networks, key areas,
// organisations, countries or sources. One round trip.
func (s *Store) All(ctx context.Context, k aspnet.Kind) (out []aspnet.Node, err error) {
	defer wrap(&err, "Store.All(%s)", k)
	name, ok := map[aspnet.Kind]string{
		aspnet.KindNetwork: "all_networks", aspnet.KindKeyArea: "all_key_areas",
		aspnet.KindOrganization: "all_organizations", aspnet.KindCountry: "all_countries",
		aspnet.KindSource: "all_sources",
	}[k]
	if !ok {
		return nil, fmt.Errorf("no list of every %s", k)
	}
	recs, err := s.read(ctx, query(name), nil)
	if err != nil {
		return nil, err
	}
	out = make([]aspnet.Node, 0, len(recs))
	for _, rec := range recs {
		n, err := nodeOf(rec, "n")
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// byParent runs a statement that answers rows of (parent, ...) for the given keys, and groups
// the decoded rows by parent, in the statement's order. One round trip.
func byParent[T any](ctx context.Context, s *Store, name string, keys []string, decode func(parent string, rec *neo4j.Record) (T, error)) (map[string][]T, error) {
	return byParentWith(ctx, s, name, map[string]any{"keys": keys}, len(keys), decode)
}

// byParentWith is byParent with the statement's parameters given whole.
func byParentWith[T any](ctx context.Context, s *Store, name string, params map[string]any, n int, decode func(parent string, rec *neo4j.Record) (T, error)) (map[string][]T, error) {
	recs, err := s.read(ctx, query(name), params)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]T, n)
	for _, rec := range recs {
		v, _ := rec.Get("parent")
		parent, _ := v.(string)
		t, err := decode(parent, rec)
		if err != nil {
			return nil, err
		}
		out[parent] = append(out[parent], t)
	}
	return out, nil
}

// Related follows relation rel from each of the entities with the given keys, returning the
// related entities of each key in the relation's order. One round trip.
func (s *Store) Related(ctx context.Context, rel aspnet.Relation, keys []string) (map[string][]aspnet.Node, error) {
	return s.RelatedFirst(ctx, rel, keys, -1)
}

// RelatedFirst is Related keeping at most the first `first` entities of each key, for the
// relations whose lists take a `first` argument (School.events); a negative first keeps all.
// Other relations ignore first. One round trip.
func (s *Store) RelatedFirst(ctx context.Context, rel aspnet.Relation, keys []string, first int) (out map[string][]aspnet.Node, err error) {
	defer wrap(&err, "Store.Related(%s)", rel)
	limit := int64(first)
	if first < 0 {
		limit = math.MaxInt32
	}
	return byParentWith(ctx, s, "rel_"+string(rel), map[string]any{"keys": keys, "limit": limit}, len(keys),
		func(_ string, rec *neo4j.Record) (aspnet.Node, error) { return nodeOf(rec, "n") })
}

// SchoolMemberships returns the memberships of each school, earliest first. One round trip.
func (s *Store) SchoolMemberships(ctx context.Context, keys []string) (out map[string][]*aspnet.Membership, err error) {
	defer wrap(&err, "Store.SchoolMemberships")
	return byParent(ctx, s, "school_memberships", keys, func(parent string, rec *neo4j.Record) (*aspnet.Membership, error) {
		net, _ := rec.Get("network")
		r, _ := rec.Get("m")
		return decodeMembership(r.(neo4j.Relationship), parent, net.(string))
	})
}

// KeyAreaPeriods returns when networks worked in each key area, earliest first. One round trip.
func (s *Store) KeyAreaPeriods(ctx context.Context, keys []string) (out map[string][]*aspnet.KeyAreaPeriod, err error) {
	defer wrap(&err, "Store.KeyAreaPeriods")
	return byParent(ctx, s, "key_area_periods", keys, func(_ string, rec *neo4j.Record) (*aspnet.KeyAreaPeriod, error) {
		net, _ := rec.Get("network")
		r, _ := rec.Get("r")
		p := &props{m: r.(neo4j.Relationship).Props}
		key := p.str("key")
		per := &aspnet.KeyAreaPeriod{Key: key, NetworkKey: net.(string), Label: p.str("label"), From: p.optDate("from"), To: p.optDate("to"), Citations: p.citations(holderOf("AREA_OF", key))}
		return per, p.err
	})
}

// KeyAreaMappings returns each key area's MAPS_TO links to the areas that continue its work,
// with their bases, by the name of the area mapped to. One round trip.
func (s *Store) KeyAreaMappings(ctx context.Context, keys []string) (out map[string][]*aspnet.KeyAreaMapping, err error) {
	defer wrap(&err, "Store.KeyAreaMappings")
	return byParent(ctx, s, "key_area_mappings", keys, func(parent string, rec *neo4j.Record) (*aspnet.KeyAreaMapping, error) {
		r, _ := rec.Get("r")
		to, err := nodeOf(rec, "to")
		if err != nil {
			return nil, err
		}
		ka, ok := to.(*aspnet.KeyArea)
		if !ok {
			return nil, errWrongKind
		}
		rel := r.(neo4j.Relationship)
		p := &props{m: rel.Props}
		key := relKey(rel, aspnet.EncodeID(aspnet.KindKeyArea, parent), ka.ID())
		cites := p.citations(holderOf(rel.Type, key))
		return &aspnet.KeyAreaMapping{Key: holderOf(rel.Type, key), KeyArea: ka, Basis: aspnet.BasisOf(p.str(aspnet.PropBasis), cites), Reasoning: p.optStr(aspnet.PropReasoning), Citations: cites}, p.err
	})
}

// FoundingClaims returns every source's claim of each organisation's founding date. One
// round trip.
func (s *Store) FoundingClaims(ctx context.Context, keys []string) (out map[string][]*aspnet.DateClaim, err error) {
	defer wrap(&err, "Store.FoundingClaims")
	return byParent(ctx, s, "org_founded", keys, func(_ string, rec *neo4j.Record) (*aspnet.DateClaim, error) {
		c, _ := rec.Get("c")
		p := &props{m: c.(neo4j.Node).Props}
		key := p.str("key")
		claim := &aspnet.DateClaim{Key: key, Date: p.date("date"), Citations: p.citations(holderOf("FoundingClaim", key))}
		return claim, p.err
	})
}

// Growth returns what each network's growth is computed from: the published figures, and what
// each year changed in the memberships of the network and the networks within it, by country;
// the changes carry the memberships' citations only when citations is true. One round trip.
func (s *Store) Growth(ctx context.Context, keys []string, citations bool) (out map[string]*aspnet.GrowthData, err error) {
	defer wrap(&err, "Store.Growth")
	out, _, err = s.growth(ctx, keys, citations)
	return out, err
}

// NetworkGrowth returns the network with the given key (nil when there is none) and what its
// growth is computed from, as Growth does, in one round trip.
func (s *Store) NetworkGrowth(ctx context.Context, key string, citations bool) (net *aspnet.Network, d *aspnet.GrowthData, err error) {
	defer wrap(&err, "Store.NetworkGrowth(%q)", key)
	data, nets, err := s.growth(ctx, []string{key}, citations)
	if err != nil {
		return nil, nil, err
	}
	return nets[key], data[key], nil
}

func (s *Store) growth(ctx context.Context, keys []string, citations bool) (map[string]*aspnet.GrowthData, map[string]*aspnet.Network, error) {
	recs, err := s.read(ctx, query("network_growth"), map[string]any{
		"keys": keys, "citations": citations, "candidate": string(aspnet.StatusCandidate),
	})
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string]*aspnet.GrowthData, len(keys))
	nets := make(map[string]*aspnet.Network, len(keys))
	for _, rec := range recs {
		parent, _ := rec.Get("parent")
		key := parent.(string)
		n, err := nodeOf(rec, "net")
		if err != nil {
			return nil, nil, err
		}
		net, ok := n.(*aspnet.Network)
		if !ok {
			return nil, nil, errWrongKind
		}
		nets[key] = net
		figs, _ := rec.Get("figures")
		changes, _ := rec.Get("changes")
		d := &aspnet.GrowthData{NetworkKey: key}
		for _, f := range figs.([]any) {
			p := &props{m: f.(neo4j.Node).Props}
			figure := p.str("key")
			d.Published = append(d.Published, &aspnet.GrowthPoint{
				Key:  "figure|" + figure,
				Date: p.date("date"), Schools: p.optInt("schools"), Countries: p.optInt("countries"),
				Candidates: p.optInt("candidates"), SchoolsQualifier: p.optQualifier("schoolsQualifier"),
				CountriesQualifier: p.optQualifier("countriesQualifier"), CandidatesQualifier: p.optQualifier("candidatesQualifier"),
				Unit: p.optStr("unit"), Basis: aspnet.BasisPublished, Citations: p.citations(holderOf("GrowthFigure", figure)),
			})
			if p.err != nil {
				return nil, nil, p.err
			}
		}
		for _, row := range changes.([]any) {
			row := row.(map[string]any)
			c := aspnet.YearChange{}
			c.Country, _ = row["country"].(string)
			year, _ := row["year"].(int64)
			members, _ := row["members"].(int64)
			cands, _ := row["candidates"].(int64)
			c.Year, c.Members, c.Candidates = int(year), int(members), int(cands)
			for _, cite := range row["cites"].([]any) {
				p := &props{m: map[string]any{
					aspnet.PropCiteSources: cite.(map[string]any)["sources"], aspnet.PropCiteQuotes: cite.(map[string]any)["quotes"],
					aspnet.PropCiteProperties: cite.(map[string]any)["properties"],
				}}
				// The growth point these make up names them, in aspnet.Growth.
				c.Citations = append(c.Citations, p.citations("")...)
			}
			d.Changes = append(d.Changes, c)
		}
		out[key] = d
	}
	return out, nets, nil
}

func nodeOf(rec *neo4j.Record, name string) (aspnet.Node, error) {
	v, ok := rec.Get(name)
	if !ok {
		return nil, fmt.Errorf("record has no %q", name)
	}
	n, ok := v.(neo4j.Node)
	if !ok {
		return nil, fmt.Errorf("%q is a %T, not a node", name, v)
	}
	return decodeNode(n)
}

// SchoolAround returns the school with the given key (nil when there is none) with what its
// common fields reach, in one round trip instead of one per level: related holds, by relation
// and then by the key it is followed from, the school's city (RelSchoolCity), the city's country
// (RelCityCountry) and the school's key areas (RelSchoolKeyAreas), each list in its field's
// order; memberships are the school's, earliest first, and networks the networks they name.
func (s *Store) SchoolAround(ctx context.Context, key string) (school *aspnet.School, related map[aspnet.Relation]map[string][]aspnet.Node, memberships []*aspnet.Membership, networks []*aspnet.Network, err error) {
	defer wrap(&err, "Store.SchoolAround(%q)", key)
	recs, err := s.read(ctx, query("school_around"), map[string]any{"key": key})
	if err != nil || len(recs) == 0 {
		return nil, nil, nil, nil, err
	}
	rec := recs[0]
	n, err := nodeOf(rec, "school")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	school, ok := n.(*aspnet.School)
	if !ok {
		return nil, nil, nil, nil, errWrongKind
	}
	related = map[aspnet.Relation]map[string][]aspnet.Node{
		aspnet.RelSchoolCity: {key: nil}, aspnet.RelSchoolKeyAreas: {key: nil},
	}
	if v, _ := rec.Get("city"); v != nil {
		city, err := decodeNode(v.(neo4j.Node))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		related[aspnet.RelSchoolCity][key] = []aspnet.Node{city}
		var countries []aspnet.Node
		if v, _ := rec.Get("country"); v != nil {
			country, err := decodeNode(v.(neo4j.Node))
			if err != nil {
				return nil, nil, nil, nil, err
			}
			countries = append(countries, country)
		}
		related[aspnet.RelCityCountry] = map[string][]aspnet.Node{city.(*aspnet.City).Key: countries}
	}
	kas, _ := rec.Get("keyAreas")
	for _, v := range kas.([]any) {
		ka, err := decodeNode(v.(neo4j.Node))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		related[aspnet.RelSchoolKeyAreas][key] = append(related[aspnet.RelSchoolKeyAreas][key], ka)
	}
	mems, _ := rec.Get("memberships")
	for _, v := range mems.([]any) {
		row := v.(map[string]any)
		n, err := decodeNode(row["network"].(neo4j.Node))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		net, ok := n.(*aspnet.Network)
		if !ok {
			return nil, nil, nil, nil, errWrongKind
		}
		m, err := decodeMembership(row["m"].(neo4j.Relationship), key, net.Key)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		memberships = append(memberships, m)
		networks = append(networks, net)
	}
	return school, related, memberships, networks, nil
}
