package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Events returns a page of the events that match f, oldest first, with their total count.
// One round trip.
func (s *Store) Events(ctx context.Context, f aspnet.EventCriteria, p aspnet.Page) (*aspnet.Conn[*aspnet.Event], error) {
	return s.EventPage(ctx, f, p, true)
}

// EventPage is Events that counts every matching event only when withTotal is set; without
// it, TotalCount is 0. With a key area the events are read from the area, otherwise from the
// date index, bounded by the cursor and by f.To. One round trip.
func (s *Store) EventPage(ctx context.Context, f aspnet.EventCriteria, p aspnet.Page, withTotal bool) (c *aspnet.Conn[*aspnet.Event], err error) {
	defer wrap(&err, "Store.Events")
	gt, lt, desc, err := bounds(p, 3, f.NewestFirst)
	if err != nil {
		return nil, err
	}
	var from, to any
	if f.From != nil {
		from = neo4j.DateOf(f.From.Start())
	}
	// Date strings start with the year and sort coarser first, so every event is within
	// ["", "~"]; an event that starts by the end of f.To's year has a date up to "YYYY~".
	dateLo, dateHi := "", "~"
	if f.To != nil {
		to = neo4j.DateOf(f.To.End())
		dateHi = fmt.Sprintf("%04d~", f.To.End().Year())
	}
	if gt != nil {
		dateLo = max(dateLo, gt.([]any)[0].(string))
	}
	if lt != nil {
		dateHi = min(dateHi, lt.([]any)[0].(string))
	}
	stmt := eventsStmt.with(map[string]bool{
		"keyArea": f.KeyAreaKey != nil, "byDate": f.KeyAreaKey == nil,
		"organizer": f.OrganizerKey != nil, "venue": f.VenueKey != nil, "from": f.From != nil, "to": f.To != nil,
		"gt": gt != nil, "lt": lt != nil, "desc": desc,
	})
	recs, err := s.read(ctx, stmt, map[string]any{
		"keyAreaKey": optParam(f.KeyAreaKey), "organizerKey": optParam(f.OrganizerKey),
		"venueKey": optParam(f.VenueKey), "from": from, "to": to,
		"follow": f.FollowMappings, "keyAreaBases": aspnet.BasesParam(f.KeyAreaBases), "gt": gt, "lt": lt, "limit": p.First,
		"dateLo": dateLo, "dateHi": dateHi, "withTotal": withTotal,
	})
	if err != nil {
		return nil, err
	}
	total, items, err := totalAndNodes[*aspnet.Event](recs[0], "page")
	if err != nil {
		return nil, err
	}
	return pageOf(items, total, p, eventSortKey), nil
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

// AddAppeal records, in one transaction citing p, an appeal made at an event. Errors:
// NOT_FOUND for an unknown event; BAD_USER_INPUT naming source for an unknown Source.
func (s *Store) AddAppeal(ctx context.Context, in aspnet.NewAppeal, p aspnet.Provenance) (a *aspnet.Appeal, err error) {
	defer wrap(&err, "Store.AddAppeal(%q)", in.EventKey)
	fields := map[string]any{"text": in.Text}
	setStrProp(fields, "by", in.By)
	setStrProp(fields, "to", in.To)
	subject := aspnet.NodeRef{Kind: aspnet.KindEvent, Key: in.EventKey}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		cite, err := checkedCitation(ctx, tx, p, &subject, sourceRef(p))
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, query("write_appeal"), map[string]any{
			"event": in.EventKey, "newKey": "appeal-" + uuid.NewString(), "fields": fields, "cite": cite,
		})
		if err != nil {
			return err
		}
		a, err = asKind[*aspnet.Appeal](nodeOf(rec, "n"))
		return err
	})
	return a, err
}

// DeleteAppeal deletes an appeal in one transaction, leaving a Removal record with the
// provenance p, the appeal's text and its event; the sources stay. Errors: NOT_FOUND for an
// unknown appeal; BAD_USER_INPUT (naming source) for an unknown Source.
func (s *Store) DeleteAppeal(ctx context.Context, key string, p aspnet.Provenance) (err error) {
	defer wrap(&err, "Store.DeleteAppeal(%q)", key)
	subject := aspnet.NodeRef{Kind: aspnet.KindAppeal, Key: key}
	return s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := runRecords(ctx, tx, query("write_appeal_find"), map[string]any{"key": key})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return notFoundOf(subject)
		}
		cite, err := checkedCitation(ctx, tx, p, nil, sourceRef(p))
		if err != nil {
			return err
		}
		removal := removalProps(aspnet.RemovedAppeal, subject.ID(), cite)
		if ev, _ := recs[0].Get("event"); ev != nil {
			evKey, _ := ev.(string)
			removal["targetId"] = aspnet.EncodeID(aspnet.KindEvent, evKey)
		}
		rec, err := single(ctx, tx, query("write_appeal_delete"), map[string]any{"key": key, "removal": removal})
		if err != nil {
			return err
		}
		if n, _ := rec.Get("deleted"); n != int64(1) {
			return notFoundOf(subject)
		}
		return nil
	})
}

// eventSortKey is what a list of events is ordered by (see pages.go): the date as given, the
// name's collation key, then the key.
func eventSortKey(e *aspnet.Event) []any { return []any{e.Date.String(), e.SortKey, e.Key} }

var eventsStmt = compose("events")

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

// partOfCycle fails with BAD_USER_INPUT naming field when making the event part of the
// programme of target would make an event part of itself.
func partOfCycle(ctx context.Context, tx neo4j.ManagedTransaction, event string, target aspnet.Ref) error {
	rec, err := single(ctx, tx, query("write_part_of_check"), map[string]any{"event": event, "target": target.Key})
	if err != nil {
		return err
	}
	if c, _ := rec.Get("cycle"); c == true {
		return aspnet.BadInput(target.Field, "the event %s is, or is part of, this event: an event cannot be part of itself", target.ID())
	}
	return nil
}
