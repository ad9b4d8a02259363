package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// kindLabels lists the labels of the entities the API serves, as a parameter: paths and
// neighbourhoods pass only through nodes with one of them, which leaves out growth figures
// and claims.
func kindLabels() []any {
	out := make([]any, len(aspnet.Kinds))
	for i, k := range aspnet.Kinds {
		out[i] = string(k)
	}
	return out
}

// KeyAreaStats returns every key area with how many schools work in it and how many events
// are in it, ordered by sortBy: counts tie-break by name, A to Z, then by key; descending puts
// the largest counts (or, by name, Z) first. One round trip.
// bases limits the links counted and followed to those of the given bases (every basis when
// empty).
func (s *Store) KeyAreaStats(ctx context.Context, sortBy aspnet.KeyAreaStatSort, descending, follow bool, bases []aspnet.Basis) (out []*aspnet.KeyAreaStat, err error) {
	defer wrap(&err, "Store.KeyAreaStats(%s, %t)", sortBy, descending)
	switch sortBy {
	case aspnet.KeyAreaStatSortName, aspnet.KeyAreaStatSortSchools, aspnet.KeyAreaStatSortEvents:
	default:
		return nil, fmt.Errorf("no order %q", sortBy)
	}
	if len(bases) == 0 {
		bases = aspnet.Bases
	}
	recs, err := s.read(ctx, query("key_area_stats"), map[string]any{"sortBy": string(sortBy), "descending": descending, "follow": follow, "bases": aspnet.BasesParam(bases)})
	if err != nil {
		return nil, err
	}
	out = make([]*aspnet.KeyAreaStat, 0, len(recs))
	for _, rec := range recs {
		n, err := nodeOf(rec, "keyArea")
		if err != nil {
			return nil, err
		}
		ka, ok := n.(*aspnet.KeyArea)
		if !ok {
			return nil, errWrongKind
		}
		schools, _ := rec.Get("schools")
		events, _ := rec.Get("events")
		links, _ := rec.Get("links")
		st := &aspnet.KeyAreaStat{KeyArea: ka, Schools: int(schools.(int64)), Events: int(events.(int64)), Bases: bases}
		for _, l := range links.([]any) {
			m := l.(map[string]any)
			b, _ := m["basis"].(string)
			n, _ := m["links"].(int64)
			st.Links = append(st.Links, &aspnet.BasisCount{Basis: aspnet.Basis(b), Links: int(n)})
		}
		out = append(out, st)
	}
	return out, nil
}

// Search finds entities by full text: their names, titles, texts and citation quotes. The
// text is searched as plain words (luceneQuery): no character of it is Lucene syntax. Best
// match first, equal scores by key, at most first hits; a text with no word in it finds
// nothing, and one of more terms than aspnet.MaxSearchTerms is BAD_USER_INPUT naming the
// text (aspnet.FieldText), as is any other search the full-text index refuses. One round trip.
func (s *Store) Search(ctx context.Context, text string, first int) (out []*aspnet.SearchHit, err error) {
	defer wrap(&err, "Store.Search(%q)", text)
	if err := aspnet.CheckSearchText(aspnet.FieldText, text); err != nil {
		return nil, err
	}
	q := luceneQuery(text)
	if strings.TrimSpace(q) == "" {
		return []*aspnet.SearchHit{}, nil
	}
	recs, err := s.read(ctx, query("search"), map[string]any{"query": q, "limit": first})
	var refused *aspnet.Error
	if errors.As(err, &refused) && refused.Code == aspnet.CodeBadUserInput {
		return nil, fmt.Errorf("%w: %w", aspnet.BadInput(aspnet.FieldText, "%s", refused.Message), err)
	}
	if err != nil {
		return nil, err
	}
	out = make([]*aspnet.SearchHit, 0, len(recs))
	for _, rec := range recs {
		n, err := nodeOf(rec, "hit")
		if err != nil {
			return nil, err
		}
		score, _ := rec.Get("score")
		f, ok := score.(float64)
		if !ok {
			return nil, fmt.Errorf("score is a %T", score)
		}
		out = append(out, &aspnet.SearchHit{Node: n, Score: f})
	}
	return out, nil
}

// luceneSpecial holds the characters Lucene's classic query parser reads as syntax: the set
// its QueryParser.escape escapes.
const luceneSpecial = `\+-!():^[]"{}~*?|&/`

// luceneQuery turns a user's text into a Lucene query that matches its words: every special
// character is escaped with a backslash, and the operators AND, OR and NOT (which Lucene reads
// only in capitals) are lowercased into plain words. Words are joined by Lucene's default OR,
// so a hit need not contain every word, and hits with more of them score higher.
func luceneQuery(text string) string {
	words := strings.Fields(text)
	for i, w := range words {
		switch w {
		case "AND", "OR", "NOT":
			words[i] = strings.ToLower(w)
			continue
		}
		var b strings.Builder
		for _, r := range w {
			if strings.ContainsRune(luceneSpecial, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		words[i] = b.String()
	}
	return strings.Join(words, " ")
}

// ShortestPath returns the shortest chain of at most maxHops (1 to 10) relationships between
// two entities, in either direction, passing only through entities; among equally short
// chains, the first by the keys of its nodes. It returns nil when there is none, and a path of
// length 0 from an entity to itself. An end that names no entity is BAD_USER_INPUT naming
// the end, from or to (aspnet.FieldFrom, FieldTo). One round trip.
func (s *Store) ShortestPath(ctx context.Context, from, to aspnet.NodeRef, maxHops int) (p *aspnet.Path, err error) {
	defer wrap(&err, "Store.ShortestPath(%s:%s, %s:%s, %d)", from.Kind, from.Key, to.Kind, to.Key, maxHops)
	stmt := template(query("shortest_path"), map[string]string{"from": string(from.Kind), "to": string(to.Kind)})
	recs, err := s.read(ctx, stmt, map[string]any{
		"fromKey": from.Key, "toKey": to.Key, "maxHops": maxHops, "kinds": kindLabels(),
	})
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%d records, want 1", len(recs))
	}
	rec := recs[0]
	if found, _ := rec.Get("fromFound"); found != true {
		return nil, aspnet.BadInput(aspnet.FieldFrom, "no node has the ID %q", from.ID())
	}
	if found, _ := rec.Get("toFound"); found != true {
		return nil, aspnet.BadInput(aspnet.FieldTo, "no node has the ID %q", to.ID())
	}
	paths, _ := rec.Get("paths")
	list, _ := paths.([]any)
	if len(list) == 0 {
		return nil, nil
	}
	path, ok := list[0].(neo4j.Path)
	if !ok {
		return nil, fmt.Errorf("path is a %T", list[0])
	}
	ids := map[string]string{}
	p = &aspnet.Path{Nodes: make([]aspnet.Node, 0, len(path.Nodes))}
	for _, n := range path.Nodes {
		d, err := decodeNode(n)
		if err != nil {
			return nil, err
		}
		ids[n.ElementId] = d.ID()
		p.Nodes = append(p.Nodes, d)
	}
	if p.Edges, err = edgesOf(path.Relationships, ids); err != nil {
		return nil, err
	}
	return p, nil
}

// Neighborhood returns the entities within depth (1 to 3) hops of center, in either direction
// and passing only through entities, and every relationship between two of them. Nodes come
// nearest first (the centre first), each distance by key; at most maxNodes are returned, the
// farthest dropped first, and Truncated says whether any were. A centre that names no entity
// is BAD_USER_INPUT naming the centre (aspnet.FieldCenter). One round trip.
func (s *Store) Neighborhood(ctx context.Context, center aspnet.NodeRef, depth, maxNodes int) (g *aspnet.Subgraph, err error) {
	defer wrap(&err, "Store.Neighborhood(%s:%s, %d, %d)", center.Kind, center.Key, depth, maxNodes)
	if maxNodes < 1 {
		return nil, fmt.Errorf("maxNodes %d: the centre needs room", maxNodes)
	}
	stmt := template(query("neighborhood"), map[string]string{"label": string(center.Kind)})
	recs, err := s.read(ctx, stmt, map[string]any{
		"key": center.Key, "depth": depth, "limit": maxNodes, "kinds": kindLabels(),
	})
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%d records, want 1", len(recs))
	}
	rec := recs[0]
	nodes, _ := rec.Get("nodes")
	truncated, _ := rec.Get("truncated")
	rels, _ := rec.Get("rels")
	list, _ := nodes.([]any)
	if len(list) == 0 { // the centre, when there is one, is always within reach
		return nil, aspnet.BadInput(aspnet.FieldCenter, "no node has the ID %q", center.ID())
	}
	g = &aspnet.Subgraph{Nodes: make([]aspnet.Node, 0, len(list)), Truncated: truncated == true}
	ids := map[string]string{}
	for _, v := range list {
		n, ok := v.(neo4j.Node)
		if !ok {
			return nil, fmt.Errorf("node is a %T", v)
		}
		d, err := decodeNode(n)
		if err != nil {
			return nil, err
		}
		ids[n.ElementId] = d.ID()
		g.Nodes = append(g.Nodes, d)
	}
	relList, _ := rels.([]any)
	rs := make([]neo4j.Relationship, len(relList))
	for i, v := range relList {
		r, ok := v.(neo4j.Relationship)
		if !ok {
			return nil, fmt.Errorf("relationship is a %T", v)
		}
		rs[i] = r
	}
	if g.Edges, err = edgesOf(rs, ids); err != nil {
		return nil, err
	}
	return g, nil
}

// relKey is a relationship's key, unique within its type: its own key property, or the IDs
// of the nodes it joins.
func relKey(r neo4j.Relationship, fromID, toID string) string {
	if key, _ := r.Props["key"].(string); key != "" {
		return key
	}
	return fromID + "|" + r.Type + "|" + toID
}

// edgesOf maps relationships to edges between the entities whose IDs ids holds by element ID.
func edgesOf(rels []neo4j.Relationship, ids map[string]string) ([]aspnet.Edge, error) {
	out := make([]aspnet.Edge, len(rels))
	for i, r := range rels {
		from, okFrom := ids[r.StartElementId]
		to, okTo := ids[r.EndElementId]
		if !okFrom || !okTo {
			return nil, fmt.Errorf("relationship %s %s joins a node outside the result", r.Type, r.ElementId)
		}
		key := relKey(r, from, to)
		p := &props{m: r.Props}
		cites := p.citations(holderOf(r.Type, key))
		out[i] = aspnet.Edge{
			Key: r.Type + ":" + key, From: from, To: to, Type: r.Type, Citations: cites,
			Basis: aspnet.BasisOf(p.str(aspnet.PropBasis), cites), Reasoning: p.optStr(aspnet.PropReasoning),
		}
	}
	return out, nil
}
