package neo4jstore

import (
	"context"
	"errors"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// KeyAreaSchools returns, for each request, a page of the schools that work in the key area,
// by name; the result is positional. One round trip for all the requests.
func (s *Store) KeyAreaSchools(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.School], error) {
	return batchPages(ctx, s, "key_area_schools", reqs, 2, schoolSortKey)
}

// KeyAreaEvents returns, for each request, a page of the events in the key area, oldest
// first; the result is positional. One round trip for all the requests.
func (s *Store) KeyAreaEvents(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.Event], error) {
	return batchPages(ctx, s, "key_area_events", reqs, 3, eventSortKey)
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

// CreateKeyArea creates a key area, and the mappings of earlier areas onto it, in one
// transaction, each citing p. A key area with the same name (case and surrounding spaces
// aside) is the same key area: then nothing is written and it is returned. Errors: BAD_USER_INPUT naming mappedFrom or
// source when they do not exist.
func (s *Store) CreateKeyArea(ctx context.Context, in aspnet.NewKeyArea, p aspnet.Provenance) (ka *aspnet.KeyArea, err error) {
	defer wrap(&err, "Store.CreateKeyArea(%q)", in.Name)
	refs := sourceRef(p)
	for _, k := range in.MappedFromKeys {
		refs = append(refs, aspnet.Ref{Field: aspnet.FieldMappedFrom, NodeRef: aspnet.NodeRef{Kind: aspnet.KindKeyArea, Key: k}})
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, nil, refs)
		if err != nil {
			return err
		}
		props := map[string]any{"name": in.Name}
		setStrProp(props, "abbreviation", in.Abbreviation)
		n, created, err := createNode(ctx, tx, aspnet.KindKeyArea, "ka-", aspnet.NameIdentity(in.Name), props, cite)
		if ka, err = asKind[*aspnet.KeyArea](n, err); err != nil {
			return err
		}
		if !created {
			return errExists
		}
		for _, k := range in.MappedFromKeys {
			from := aspnet.NodeRef{Kind: aspnet.KindKeyArea, Key: k}
			if _, err := link(ctx, tx, from, aspnet.TypeMapsTo, aspnet.NodeRef{Kind: aspnet.KindKeyArea, Key: ka.Key}, false, true, nil, cite); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errExists) {
		return ka, nil
	}
	return ka, err
}

// UpdateKeyArea changes a key area's name or abbreviation in one transaction, citing p once
// per change. Errors: NOT_FOUND for an unknown key area; BAD_USER_INPUT for an unknown Source;
// CONFLICT when another key area has the new name.
func (s *Store) UpdateKeyArea(ctx context.Context, key string, ch aspnet.KeyAreaChange, p aspnet.Provenance) (ka *aspnet.KeyArea, err error) {
	defer wrap(&err, "Store.UpdateKeyArea(%q)", key)
	set := map[string]any{}
	var changed []string
	if ch.Name != nil {
		set["name"], changed = *ch.Name, append(changed, "name")
	}
	if ch.Abbreviation != nil {
		set["abbreviation"], changed = nullable(*ch.Abbreviation), append(changed, "abbreviation")
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject := aspnet.NodeRef{Kind: aspnet.KindKeyArea, Key: key}
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		ka, err = asKind[*aspnet.KeyArea](updateNode(ctx, tx, aspnet.KindKeyArea, key, set, changed, cite))
		return err
	})
	return ka, identityConflict(aspnet.KindKeyArea, err)
}

// DeleteKeyArea deletes a key area and its relationships in one transaction; the sources
// stay. Errors: NOT_FOUND for an unknown key area.
func (s *Store) DeleteKeyArea(ctx context.Context, key string, p aspnet.Provenance) error {
	return s.deleteNode(ctx, aspnet.KindKeyArea, key, p)
}

// AddKeyAreaPeriod records, in one transaction citing p, that a network worked in a key area
// over a period; a period of the same label for the network changes its dates and adds the
// citation. Errors: NOT_FOUND for an unknown key area; BAD_USER_INPUT naming network or
// source when they do not exist.
func (s *Store) AddKeyAreaPeriod(ctx context.Context, in aspnet.NewKeyAreaPeriod, p aspnet.Provenance) (ka *aspnet.KeyArea, err error) {
	defer wrap(&err, "Store.AddKeyAreaPeriod(%q, %q)", in.KeyAreaKey, in.NetworkKey)
	set := map[string]any{"label": in.Label}
	setDateProp(set, "from", in.From)
	setDateProp(set, "to", in.To)
	subject := aspnet.NodeRef{Kind: aspnet.KindKeyArea, Key: in.KeyAreaKey}
	network := aspnet.Ref{Field: aspnet.FieldNetwork, NodeRef: aspnet.NodeRef{Kind: aspnet.KindNetwork, Key: in.NetworkKey}}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, append(sourceRef(p), network))
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, query("write_period"), map[string]any{
			"keyArea": in.KeyAreaKey, "network": in.NetworkKey, "set": set, "cite": cite,
			"relKey": in.KeyAreaKey + "|" + aspnet.TypeAreaOf + "|" + in.NetworkKey + "|" + in.Label,
		})
		if err != nil {
			return err
		}
		ka, err = asKind[*aspnet.KeyArea](nodeOf(rec, "n"))
		return err
	})
	return ka, err
}

// RemoveKeyAreaPeriod removes, in one transaction, the period of a label in which a network
// worked in a key area, with its citations, leaving a Removal record with the provenance p.
// Errors: NOT_FOUND for an unknown key area or when the network has no period of that label
// in it; BAD_USER_INPUT naming networkId for an unknown network, source for an unknown Source.
func (s *Store) RemoveKeyAreaPeriod(ctx context.Context, keyAreaKey, networkKey, label string, p aspnet.Provenance) (ka *aspnet.KeyArea, err error) {
	defer wrap(&err, "Store.RemoveKeyAreaPeriod(%q, %q)", keyAreaKey, networkKey)
	subject := aspnet.NodeRef{Kind: aspnet.KindKeyArea, Key: keyAreaKey}
	network := aspnet.Ref{Field: aspnet.FieldNetwork, NodeRef: aspnet.NodeRef{Kind: aspnet.KindNetwork, Key: networkKey}}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, append([]aspnet.Ref{network}, sourceRef(p)...))
		if err != nil {
			return err
		}
		removal := removalProps(aspnet.RemovedKeyAreaPeriod, subject.ID(), cite)
		removal["label"], removal["targetId"] = label, network.ID()
		recs, err := runRecords(ctx, tx, query("write_period_delete"), map[string]any{
			"keyArea": keyAreaKey, "network": networkKey, "label": label, "removal": removal,
		})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return notFoundOf(subject)
		}
		if n, _ := recs[0].Get("deleted"); n == int64(0) {
			return aspnet.Errorf(aspnet.CodeNotFound, "the network %s has no period labelled %q in this key area", network.ID(), label)
		}
		ka, err = asKind[*aspnet.KeyArea](nodeOf(recs[0], "n"))
		return err
	})
	return ka, err
}
