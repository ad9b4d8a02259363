package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// checkedKinds are the kinds write_check_keys looks up, one parameter each.
var checkedKinds = []aspnet.Kind{
	aspnet.KindSchool, aspnet.KindNetwork, aspnet.KindCity, aspnet.KindCountry, aspnet.KindOrganization,
	aspnet.KindOccasion, aspnet.KindKeyArea, aspnet.KindEvent, aspnet.KindSource,
}

// checkKeys fails with the error of the first entity that does not exist: the subject a write
// changes (NOT_FOUND), when given, then the references in order (BAD_USER_INPUT naming each
// one's field). One round trip.
func checkKeys(ctx context.Context, tx neo4j.ManagedTransaction, subject *aspnet.NodeRef, refs []aspnet.Ref) error {
	params := map[string]any{}
	for _, k := range checkedKinds {
		params[string(k)] = []string{}
	}
	all := refs
	if subject != nil {
		all = append([]aspnet.Ref{{NodeRef: *subject}}, refs...)
	}
	for _, r := range all {
		params[string(r.Kind)] = append(params[string(r.Kind)].([]string), r.Key)
	}
	rec, err := single(ctx, tx, query("write_check_keys"), params)
	if err != nil {
		return err
	}
	missing := map[aspnet.NodeRef]bool{}
	for _, k := range checkedKinds {
		v, _ := rec.Get(string(k))
		for _, key := range stringList(v) {
			missing[aspnet.NodeRef{Kind: k, Key: key}] = true
		}
	}
	if subject != nil && missing[*subject] {
		return notFoundOf(*subject)
	}
	for _, r := range refs {
		if missing[r.NodeRef] {
			return aspnet.BadInput(r.Field, "no %s has the ID %s", r.Kind, r.ID())
		}
	}
	return nil
}

func notFoundOf(r aspnet.NodeRef) error {
	return aspnet.Errorf(aspnet.CodeNotFound, "no %s has the ID %s", r.Kind, r.ID())
}

// sourceRef is the reference to the Source a provenance names by ID, if it does.
func sourceRef(p aspnet.Provenance) []aspnet.Ref {
	if p.SourceKey == "" {
		return nil
	}
	return []aspnet.Ref{{Field: aspnet.FieldSource, NodeRef: aspnet.NodeRef{Kind: aspnet.KindSource, Key: p.SourceKey}}}
}

// setDateProp sets a date as loads store it: as given, and its first and last day; a nil or
// zero date sets nothing.
func setDateProp(m map[string]any, name string, d *aspnet.Date) {
	if d == nil || d.IsZero() {
		return
	}
	m[name] = d.String()
	m[name+"From"] = neo4j.DateOf(d.Start())
	m[name+"To"] = neo4j.DateOf(d.End())
}

func setStrProp(m map[string]any, name, v string) {
	if v != "" {
		m[name] = v
	}
}

// createNode creates a node of kind k with a new key (prefix + a random UUID), its
// properties and the citation, unless a node of kind k has its identity (see
// write_node_create.cypher): then that node is returned with created false, unchanged.
func createNode(ctx context.Context, tx neo4j.ManagedTransaction, k aspnet.Kind, prefix, identity string, props, cite map[string]any) (n aspnet.Node, created bool, err error) {
	rec, err := single(ctx, tx, template(query("write_node_create"), map[string]string{"label": string(k)}), map[string]any{
		"newKey": prefix + uuid.NewString(), "identity": identity, "fields": withSortKey(props), "cite": cite,
	})
	if err != nil {
		return nil, false, err
	}
	c, _ := rec.Get("created")
	n, err = nodeOf(rec, "n")
	return n, c == true, err
}

// identityConflict makes the failure of an update on an identity constraint a CONFLICT: another
// node of kind k has the identity the update would give.
func identityConflict(k aspnet.Kind, err error) error {
	if !isConstraintViolation(err) {
		return err
	}
	what := map[aspnet.Kind]string{aspnet.KindEvent: "event", aspnet.KindOrganization: "organisation", aspnet.KindKeyArea: "key area"}[k]
	has := "name"
	if identityDated[k] {
		has = "name and date"
	}
	return fmt.Errorf("%w: %w", aspnet.FieldErrorf(aspnet.CodeConflict, aspnet.FieldIdentity, "another %s has this %s", what, has), err)
}

// errExists rolls back a create that found its entity already there: the Source, links and
// places made for it go too.
var errExists = errors.New("the entity exists")

// updateNode sets properties of the node of kind k with key, citing the write once for each
// name in changed; its identity follows (see identityConflict). Errors: NOT_FOUND when there
// is no such node.
func updateNode(ctx context.Context, tx neo4j.ManagedTransaction, k aspnet.Kind, key string, set map[string]any, changed []string, cite map[string]any) (aspnet.Node, error) {
	res, err := runRecords(ctx, tx, template(query("write_node_update"), map[string]string{"label": string(k)}), map[string]any{
		"key": key, "set": withSortKey(set), "props": changed, "cite": cite,
	})
	if err != nil {
		return nil, err
	}
	if len(res) == 0 {
		return nil, notFoundOf(aspnet.NodeRef{Kind: k, Key: key})
	}
	n, err := nodeOf(res[0], "n")
	if err != nil {
		return nil, err
	}
	return n, keepIdentity(ctx, tx, k, res[0], "n", identityOf(n))
}

// deleteNode deletes the node of kind k with key, its relationships and what exists only
// through it, and records the removal with the provenance p. Errors: NOT_FOUND when there is
// no such node; BAD_USER_INPUT (naming source) for an unknown Source.
func (s *Store) deleteNode(ctx context.Context, k aspnet.Kind, key string, p aspnet.Provenance) (err error) {
	defer wrap(&err, "Store.Delete%s(%q)", k, key)
	subject := aspnet.NodeRef{Kind: k, Key: key}
	return s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, template(query("write_node_delete"), map[string]string{"label": string(k)}), map[string]any{
			"key": key, "removal": removalProps(aspnet.RemovedKindOf(k), subject.ID(), cite),
		})
		if err != nil {
			return err
		}
		if n, _ := rec.Get("deleted"); n != int64(1) {
			return notFoundOf(subject)
		}
		return nil
	})
}

// link links the node from to the node to with a relationship of type typ citing the write;
// see write_link.cypher.
func link(ctx context.Context, tx neo4j.ManagedTransaction, from aspnet.NodeRef, typ string, to aspnet.NodeRef, replace, ordered bool, props, cite map[string]any) (aspnet.Node, error) {
	if props == nil {
		props = map[string]any{}
	}
	stmt := template(query("write_link"), map[string]string{"from": string(from.Kind), "type": typ, "to": string(to.Kind)})
	rec, err := single(ctx, tx, stmt, map[string]any{
		"from": from.Key, "to": to.Key, "replace": replace, "ordered": ordered, "relProps": props, "cite": cite,
	})
	if err != nil {
		return nil, err
	}
	return nodeOf(rec, "n")
}

func runRecords(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) ([]*neo4j.Record, error) {
	countRoundTrip(ctx)
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func asKind[T aspnet.Node](n aspnet.Node, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	t, ok := n.(T)
	if !ok {
		return zero, errWrongKind
	}
	return t, nil
}

// eventProps are the stored properties of an event's fields.
func eventProps(in aspnet.NewEvent) map[string]any {
	m := map[string]any{"name": in.Name}
	setStrProp(m, "kind", in.Kind)
	setDateProp(m, "date", &in.Date)
	setDateProp(m, "endDate", in.EndDate)
	setStrProp(m, "description", in.Description)
	setStrProp(m, "purpose", in.Purpose)
	return m
}

// linkEvent writes one link of an event.
func linkEvent(ctx context.Context, tx neo4j.ManagedTransaction, eventKey string, l aspnet.EventLinkTo, cite map[string]any) (*aspnet.Event, error) {
	spec := aspnet.EventLinkSpecs[l.Link]
	var props map[string]any
	if l.Link == aspnet.LinkOccasion && l.Relation != "" {
		props = map[string]any{"relation": l.Relation}
	}
	return asKind[*aspnet.Event](link(ctx, tx, aspnet.NodeRef{Kind: aspnet.KindEvent, Key: eventKey}, spec.Type, l.Target.NodeRef, spec.Single, !spec.Single, props, cite))
}

// CreateEvent creates an event with its links in one transaction, each citing p. An event
// with the same name (case and surrounding spaces aside) and the same date, as given, is the
// same event, whether the API, the importer or the load of data/ made it: then nothing is
// written and that event is returned, so that concurrent creates of one event make one.
// Errors: BAD_USER_INPUT naming the field of a reference that does not exist.
func (s *Store) CreateEvent(ctx context.Context, in aspnet.NewEvent, p aspnet.Provenance) (ev *aspnet.Event, err error) {
	defer wrap(&err, "Store.CreateEvent(%q)", in.Name)
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		refs := sourceRef(p)
		for _, l := range in.Links {
			refs = append(refs, l.Target)
		}
		cite, err := checkedCitation(ctx, tx, p, nil, refs)
		if err != nil {
			return err
		}
		n, created, err := createNode(ctx, tx, aspnet.KindEvent, "ev-", aspnet.EventIdentity(in.Name, in.Date), eventProps(in), cite)
		if ev, err = asKind[*aspnet.Event](n, err); err != nil {
			return err
		}
		if !created {
			return errExists
		}
		for _, l := range in.Links {
			if _, err := linkEvent(ctx, tx, ev.Key, l, cite); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errExists) {
		return ev, nil
	}
	return ev, err
}

// UpdateEvent changes an event's properties in one transaction, citing p once per changed
// property. Errors: NOT_FOUND for an unknown event; BAD_USER_INPUT (endDate or
// date) when the event would end before it starts, or for an unknown Source; CONFLICT
// when another event has the new name and date.
func (s *Store) UpdateEvent(ctx context.Context, key string, ch aspnet.EventChange, p aspnet.Provenance) (ev *aspnet.Event, err error) {
	defer wrap(&err, "Store.UpdateEvent(%q)", key)
	set := map[string]any{}
	var changed []string
	str := func(name string, v *string) {
		if v != nil {
			changed = append(changed, name)
			set[name] = nullable(*v)
		}
	}
	str("name", ch.Name)
	str("kind", ch.Kind)
	str("description", ch.Description)
	str("purpose", ch.Purpose)
	for _, d := range []struct {
		name string
		date *aspnet.Date
	}{{"date", ch.Date}, {"endDate", ch.EndDate}} {
		if d.date != nil {
			changed = append(changed, d.name)
			setDateProp(set, d.name, d.date)
		}
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject := aspnet.NodeRef{Kind: aspnet.KindEvent, Key: key}
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		if ev, err = asKind[*aspnet.Event](updateNode(ctx, tx, aspnet.KindEvent, key, set, changed, cite)); err != nil {
			return err
		}
		if ev.EndDate != nil {
			field := aspnet.FieldEndDate
			if ch.EndDate == nil {
				field = aspnet.FieldDate
			}
			return aspnet.ValidSpan(field, ev.Date, *ev.EndDate)
		}
		return nil
	})
	return ev, identityConflict(aspnet.KindEvent, err)
}

// DeleteEvent deletes an event, its relationships and its appeals in one transaction; the
// sources stay. Errors: NOT_FOUND for an unknown event.
func (s *Store) DeleteEvent(ctx context.Context, key string, p aspnet.Provenance) error {
	return s.deleteNode(ctx, aspnet.KindEvent, key, p)
}

// LinkEvent links an event to a venue, city, organiser, participant, occasion, key area or
// the event whose programme it is part of, in one transaction, the relationship citing p.
// Errors: NOT_FOUND for an unknown event; BAD_USER_INPUT naming the field of an unknown target
// or Source, or of an event the link would make part of itself.
func (s *Store) LinkEvent(ctx context.Context, eventKey string, l aspnet.EventLinkTo, p aspnet.Provenance) (ev *aspnet.Event, err error) {
	defer wrap(&err, "Store.LinkEvent(%q, %s)", eventKey, l.Link)
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject := aspnet.NodeRef{Kind: aspnet.KindEvent, Key: eventKey}
		if err := checkKeys(ctx, tx, &subject, append(sourceRef(p), l.Target)); err != nil {
			return err
		}
		if l.Link == aspnet.LinkPartOf {
			if err := partOfCycle(ctx, tx, eventKey, l.Target); err != nil {
				return err
			}
		}
		cite, err := citation(ctx, tx, p)
		if err != nil {
			return err
		}
		ev, err = linkEvent(ctx, tx, eventKey, l, cite)
		return err
	})
	return ev, err
}

// UnlinkEvent removes an event's link to a target in one transaction, recording who did it
// and when on the event, and leaving a Removal record of the link with the provenance p.
// Errors: NOT_FOUND when the event is unknown or has no such link; BAD_USER_INPUT (naming
// source) for an unknown Source.
func (s *Store) UnlinkEvent(ctx context.Context, eventKey string, l aspnet.EventLinkTo, p aspnet.Provenance) (ev *aspnet.Event, err error) {
	defer wrap(&err, "Store.UnlinkEvent(%q, %s)", eventKey, l.Link)
	spec := aspnet.EventLinkSpecs[l.Link]
	subject := aspnet.NodeRef{Kind: aspnet.KindEvent, Key: eventKey}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		removal := removalProps(aspnet.RemovedEventLink, subject.ID(), cite)
		removal["link"], removal["targetId"] = string(l.Link), l.Target.ID()
		stmt := template(query("write_unlink"), map[string]string{"from": string(aspnet.KindEvent), "type": spec.Type, "to": string(l.Target.Kind)})
		recs, err := runRecords(ctx, tx, stmt, map[string]any{"from": eventKey, "to": l.Target.Key, "removal": removal})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return notFoundOf(subject)
		}
		if n, _ := recs[0].Get("deleted"); n == int64(0) {
			return aspnet.Errorf(aspnet.CodeNotFound, "the event has no %s link to %s", l.Link, l.Target.ID())
		}
		ev, err = asKind[*aspnet.Event](nodeOf(recs[0], "n"))
		return err
	})
	return ev, err
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

// CreateSource creates a Source in one transaction, recording who made it and when. Its key
// is that of its URL (as a write citing the URL makes), or a new one without URL. Errors:
// CONFLICT, naming the existing Source's ID, when a Source has the URL.
func (s *Store) CreateSource(ctx context.Context, in aspnet.NewSource, by string, at time.Time) (src *aspnet.Source, err error) {
	defer wrap(&err, "Store.CreateSource(%q)", in.Title)
	props := map[string]any{"title": in.Title}
	setStrProp(props, "url", in.URL)
	setStrProp(props, "publisher", in.Publisher)
	setStrProp(props, "note", in.Note)
	setDateProp(props, "published", in.Published)
	key := "src-" + uuid.NewString()
	if in.URL != "" {
		key = aspnet.URLSourceKey(in.URL)
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		rec, err := single(ctx, tx, query("write_source_create"), map[string]any{
			"key": key, "url": nullable(in.URL), "fields": withSortKey(props), "by": by, "at": at.UTC(),
		})
		if err != nil {
			return err
		}
		if src, err = asKind[*aspnet.Source](nodeOf(rec, "s")); err != nil {
			return err
		}
		if c, _ := rec.Get("created"); c != true {
			return aspnet.FieldErrorf(aspnet.CodeConflict, aspnet.FieldURL, "the Source %s has this URL; cite it by its ID", src.ID())
		}
		return nil
	})
	return src, err
}

// UpdateSource changes a Source's properties in one transaction, appending to it a citation
// of p for each change. A change of URL that cites the new URL cites the Source itself. Errors: NOT_FOUND for an unknown Source; BAD_USER_INPUT (naming
// source) for an unknown citing Source; CONFLICT, naming the other Source's ID, when
// another Source has the new URL.
func (s *Store) UpdateSource(ctx context.Context, key string, ch aspnet.SourceChange, p aspnet.Provenance) (src *aspnet.Source, err error) {
	defer wrap(&err, "Store.UpdateSource(%q)", key)
	set := map[string]any{}
	var changed []string
	str := func(name string, v *string) {
		if v != nil {
			set[name], changed = nullable(*v), append(changed, name)
		}
	}
	str("title", ch.Title)
	str("url", ch.URL)
	str("publisher", ch.Publisher)
	str("note", ch.Note)
	if ch.Published != nil {
		setDateProp(set, "published", ch.Published)
		changed = append(changed, "published")
	}
	var url any
	if ch.URL != nil {
		url = nullable(*ch.URL)
		if p.SourceURL == *ch.URL { // the Source cites its own new address: it is the source
			p.SourceURL, p.SourceKey = "", key
		}
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		subject := aspnet.NodeRef{Kind: aspnet.KindSource, Key: key}
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, query("write_source_update"), map[string]any{
			"key": key, "url": url, "set": withSortKey(set), "props": changed, "cite": cite,
		})
		if err != nil {
			return err
		}
		if taken, _ := rec.Get("taken"); taken != nil {
			k, _ := taken.(string)
			return aspnet.FieldErrorf(aspnet.CodeConflict, aspnet.FieldURL, "the Source %s has this URL", aspnet.EncodeID(aspnet.KindSource, k))
		}
		src, err = asKind[*aspnet.Source](nodeOf(rec, "s"))
		return err
	})
	return src, err
}
