package neo4jstore

import (
	"context"
	"errors"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// NetworkMemberships returns, for each request, a page of the network's memberships, earliest
// first, then by school name; the result is positional. One round trip for all the requests.
func (s *Store) NetworkMemberships(ctx context.Context, reqs []aspnet.PageOf) (out []*aspnet.Conn[*aspnet.Membership], err error) {
	defer wrap(&err, "Store.NetworkMemberships")
	byParent, err := s.pageRequests(ctx, "network_memberships", reqs, 3)
	if err != nil {
		return nil, err
	}
	out = make([]*aspnet.Conn[*aspnet.Membership], len(reqs))
	for i, r := range reqs {
		rec := byParent[i]
		if rec == nil {
			out[i] = emptyPage[*aspnet.Membership](r.Page)
			continue
		}
		total, _ := rec.Get("total")
		uncertain, _ := rec.Get("uncertain")
		page, _ := rec.Get("page")
		var items []*aspnet.Membership
		schools := map[*aspnet.Membership]*aspnet.School{}
		for _, row := range page.([]any) {
			m := row.(map[string]any)
			n, err := decodeNode(m["school"].(neo4j.Node))
			if err != nil {
				return nil, err
			}
			school := n.(*aspnet.School)
			mem, err := decodeMembership(m["m"].(neo4j.Relationship), school.Key, r.Parent)
			if err != nil {
				return nil, err
			}
			schools[mem] = school
			items = append(items, mem)
		}
		out[i] = pageOf(items, int(total.(int64)), r.Page, func(m *aspnet.Membership) []any {
			return membershipSortKey(m, schools[m])
		})
		n, _ := uncertain.(int64)
		out[i].Uncertain = int(n)
	}
	return out, nil
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

// JoinNetwork makes a school a member (or candidate) of a network in one transaction, citing
// p, or, when the school has a membership of it that has not ended, changes that one's
// status, since and nationalTerm, citing p once per change. A school that left and joins
// again gets a second membership. Errors: NOT_FOUND for an unknown school; BAD_USER_INPUT
// naming network or source when they do not exist, or since when the
// membership would end before it starts.
func (s *Store) JoinNetwork(ctx context.Context, in aspnet.Join, p aspnet.Provenance) (m *aspnet.Membership, err error) {
	defer wrap(&err, "Store.JoinNetwork(%q, %q)", in.SchoolKey, in.NetworkKey)
	set := map[string]any{"status": string(in.Status)}
	changed := []string{"status"}
	if in.Since != nil {
		setDateProp(set, "since", in.Since)
		changed = append(changed, "since")
	}
	if in.NationalTerm != "" {
		set["nationalTerm"], changed = in.NationalTerm, append(changed, "nationalTerm")
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject, refs := membershipRefs(in.SchoolKey, in.NetworkKey, p)
		cite, err := checkedCitation(ctx, tx, p, subject, refs)
		if err != nil {
			return err
		}
		open, count, err := openMembership(ctx, tx, in.SchoolKey, in.NetworkKey)
		if err != nil {
			return err
		}
		var rec *neo4j.Record
		if open == "" {
			key := in.SchoolKey + "|" + aspnet.TypeMemberOf + "|" + in.NetworkKey
			if count > 0 { // a school that left and joins again: its next membership
				key += "|" + strconv.FormatInt(count+1, 10)
			}
			rec, err = single(ctx, tx, query("write_membership_create"), map[string]any{
				"school": in.SchoolKey, "network": in.NetworkKey, "key": key, "set": set, "cite": cite,
			})
		} else {
			rec, err = single(ctx, tx, query("write_membership_update"), map[string]any{
				"school": in.SchoolKey, "network": in.NetworkKey, "key": open, "set": set, "props": changed, "cite": cite,
			})
		}
		if err != nil {
			return err
		}
		m, err = membershipOf(rec, in.SchoolKey, in.NetworkKey)
		return err
	})
	return m, err
}

// LeaveNetwork ends the school's membership of the network that has not ended, in one
// transaction: until and the status FORMER, citing p. Errors: NOT_FOUND when the school is
// unknown or has no such membership; BAD_USER_INPUT naming until when it is before the
// membership's since, or network or source when they do not exist.
func (s *Store) LeaveNetwork(ctx context.Context, in aspnet.Leave, p aspnet.Provenance) (m *aspnet.Membership, err error) {
	defer wrap(&err, "Store.LeaveNetwork(%q, %q)", in.SchoolKey, in.NetworkKey)
	set := map[string]any{"status": string(aspnet.StatusFormer)}
	setDateProp(set, "until", &in.Until)
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject, refs := membershipRefs(in.SchoolKey, in.NetworkKey, p)
		if err := checkKeys(ctx, tx, subject, refs); err != nil {
			return err
		}
		open, _, err := openMembership(ctx, tx, in.SchoolKey, in.NetworkKey)
		if err != nil {
			return err
		}
		if open == "" {
			return aspnet.Errorf(aspnet.CodeNotFound, "school %s has no current membership of network %s",
				aspnet.EncodeID(aspnet.KindSchool, in.SchoolKey), aspnet.EncodeID(aspnet.KindNetwork, in.NetworkKey))
		}
		cite, err := citation(ctx, tx, p)
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, query("write_membership_update"), map[string]any{
			"school": in.SchoolKey, "network": in.NetworkKey, "key": open, "set": set, "props": []string{"until", "status"}, "cite": cite,
		})
		if err != nil {
			return err
		}
		if m, err = membershipOf(rec, in.SchoolKey, in.NetworkKey); err != nil {
			return err
		}
		if m.Since != nil {
			return aspnet.ValidSpan(aspnet.FieldUntil, *m.Since, in.Until)
		}
		return nil
	})
	return m, err
}

// noSince sorts memberships with no start date last; it sorts after every digit.
const noSince = "~"

// membershipSortKey is what a network's list of memberships is ordered by (see pages.go): the
// start, the school's name's collation key, then the school's key.
func membershipSortKey(m *aspnet.Membership, school *aspnet.School) []any {
	since := noSince
	if m.Since != nil {
		since = m.Since.String()
	}
	return []any{since, school.SortKey, school.Key}
}

// membershipRefs are the school (NOT_FOUND when missing) and the network (BAD_USER_INPUT)
// of a membership write.
func membershipRefs(school, network string, p aspnet.Provenance) (*aspnet.NodeRef, []aspnet.Ref) {
	return &aspnet.NodeRef{Kind: aspnet.KindSchool, Key: school},
		append(sourceRef(p), aspnet.Ref{Field: aspnet.FieldNetwork, NodeRef: aspnet.NodeRef{Kind: aspnet.KindNetwork, Key: network}})
}

// openMembership returns the key of the school's membership of the network that has not
// ended ("" for none) and how many memberships of it the school has.
func openMembership(ctx context.Context, tx neo4j.ManagedTransaction, school, network string) (string, int64, error) {
	rec, err := single(ctx, tx, query("write_membership_find"), map[string]any{"school": school, "network": network})
	if err != nil {
		return "", 0, err
	}
	open, _ := rec.Get("open")
	n, _ := rec.Get("count")
	key, _ := open.(string)
	count, _ := n.(int64)
	return key, count, nil
}

func membershipOf(rec *neo4j.Record, school, network string) (*aspnet.Membership, error) {
	v, _ := rec.Get("r")
	r, ok := v.(neo4j.Relationship)
	if !ok {
		return nil, errors.New("no membership in the result")
	}
	return decodeMembership(r, school, network)
}
