package neo4jstore

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

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

// CreateOrganization creates an organisation with its city, the organisation it is part of
// and the countries it covers, in one transaction, each citing p. An organisation with the
// same name (case and surrounding spaces aside) is the same organisation: then nothing is
// written and it is returned. Errors: BAD_USER_INPUT naming the field of a reference that
// does not exist.
func (s *Store) CreateOrganization(ctx context.Context, in aspnet.NewOrganization, p aspnet.Provenance) (org *aspnet.Organization, err error) {
	defer wrap(&err, "Store.CreateOrganization(%q)", in.Name)
	refs := sourceRef(p)
	type edge struct {
		typ     string
		to      aspnet.Ref
		ordered bool
	}
	var edges []edge
	if in.CityKey != "" {
		edges = append(edges, edge{aspnet.TypeInCity, aspnet.Ref{Field: aspnet.FieldCity, NodeRef: aspnet.NodeRef{Kind: aspnet.KindCity, Key: in.CityKey}}, false})
	}
	if in.PartOfKey != "" {
		edges = append(edges, edge{aspnet.TypePartOf, aspnet.Ref{Field: aspnet.FieldPartOf, NodeRef: aspnet.NodeRef{Kind: aspnet.KindOrganization, Key: in.PartOfKey}}, true})
	}
	for _, c := range in.CoversKeys {
		edges = append(edges, edge{aspnet.TypeCovers, aspnet.Ref{Field: aspnet.FieldCovers, NodeRef: aspnet.NodeRef{Kind: aspnet.KindCountry, Key: c}}, true})
	}
	for _, e := range edges {
		refs = append(refs, e.to)
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, nil, refs)
		if err != nil {
			return err
		}
		n, created, err := createNode(ctx, tx, aspnet.KindOrganization, "org-", aspnet.NameIdentity(in.Name), map[string]any{"name": in.Name}, cite)
		if org, err = asKind[*aspnet.Organization](n, err); err != nil {
			return err
		}
		if !created {
			return errExists
		}
		for _, e := range edges {
			if _, err := link(ctx, tx, aspnet.NodeRef{Kind: aspnet.KindOrganization, Key: org.Key}, e.typ, e.to.NodeRef, false, e.ordered, nil, cite); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errExists) {
		return org, nil
	}
	return org, err
}

// UpdateOrganization changes an organisation's name or city in one transaction, citing p
// once per change. Errors: NOT_FOUND for an unknown organisation; BAD_USER_INPUT naming
// city or source when they do not exist; CONFLICT when another organisation has
// the new name.
func (s *Store) UpdateOrganization(ctx context.Context, key string, ch aspnet.OrganizationChange, p aspnet.Provenance) (org *aspnet.Organization, err error) {
	defer wrap(&err, "Store.UpdateOrganization(%q)", key)
	set := map[string]any{}
	var changed []string
	refs := sourceRef(p)
	if ch.Name != "" {
		set["name"], changed = ch.Name, append(changed, "name")
	}
	city := aspnet.NodeRef{Kind: aspnet.KindCity, Key: ch.CityKey}
	if ch.CityKey != "" {
		changed = append(changed, "city")
		refs = append(refs, aspnet.Ref{Field: aspnet.FieldCity, NodeRef: city})
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject := aspnet.NodeRef{Kind: aspnet.KindOrganization, Key: key}
		cite, err := checkedCitation(ctx, tx, p, &subject, refs)
		if err != nil {
			return err
		}
		if ch.CityKey != "" {
			if _, err := link(ctx, tx, subject, aspnet.TypeInCity, city, true, false, nil, cite); err != nil {
				return err
			}
		}
		org, err = asKind[*aspnet.Organization](updateNode(ctx, tx, aspnet.KindOrganization, key, set, changed, cite))
		return err
	})
	return org, identityConflict(aspnet.KindOrganization, err)
}

// DeleteOrganization deletes an organisation, its relationships and its founding claims in
// one transaction; the sources stay. Errors: NOT_FOUND for an unknown organisation.
func (s *Store) DeleteOrganization(ctx context.Context, key string, p aspnet.Provenance) error {
	return s.deleteNode(ctx, aspnet.KindOrganization, key, p)
}

// AddFoundingClaim records, in one transaction citing p, a source's claim of when an
// organisation was founded; a claim of the same date gets the citation added. Errors:
// NOT_FOUND for an unknown organisation; BAD_USER_INPUT naming source for an unknown
// Source.
func (s *Store) AddFoundingClaim(ctx context.Context, orgKey string, date aspnet.Date, p aspnet.Provenance) (org *aspnet.Organization, err error) {
	defer wrap(&err, "Store.AddFoundingClaim(%q)", orgKey)
	set := map[string]any{}
	setDateProp(set, "date", &date)
	subject := aspnet.NodeRef{Kind: aspnet.KindOrganization, Key: orgKey}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, query("write_claim"), map[string]any{
			"org": orgKey, "newKey": orgKey + "-founded-" + uuid.NewString(), "date": date.String(), "set": set, "cite": cite,
		})
		if err != nil {
			return err
		}
		org, err = asKind[*aspnet.Organization](nodeOf(rec, "n"))
		return err
	})
	return org, err
}

// RemoveFoundingClaim removes, in one transaction, an organisation's claim of a founding date
// (as given) with every citation of it, leaving a Removal record with the provenance p.
// Errors: NOT_FOUND for an unknown organisation or one with no claim of that date;
// BAD_USER_INPUT (naming source) for an unknown Source.
func (s *Store) RemoveFoundingClaim(ctx context.Context, orgKey string, date aspnet.Date, p aspnet.Provenance) (org *aspnet.Organization, err error) {
	defer wrap(&err, "Store.RemoveFoundingClaim(%q, %s)", orgKey, date)
	subject := aspnet.NodeRef{Kind: aspnet.KindOrganization, Key: orgKey}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		removal := removalProps(aspnet.RemovedFoundingClaim, subject.ID(), cite)
		removal["date"] = date.String()
		recs, err := runRecords(ctx, tx, query("write_claim_delete"), map[string]any{"org": orgKey, "date": date.String(), "removal": removal})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return notFoundOf(subject)
		}
		if n, _ := recs[0].Get("deleted"); n == int64(0) {
			return aspnet.Errorf(aspnet.CodeNotFound, "the organisation has no founding claim of the date %s", date)
		}
		org, err = asKind[*aspnet.Organization](nodeOf(recs[0], "n"))
		return err
	})
	return org, err
}
