package neo4jstore

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// removalProps are the properties of the Removal record (a label of its own, not a kind of
// the domain: node(id:), search and the export never return it) of a write that removes what:
// removedID is the ID of the entity removed or, for a link, of the event. The key begins with
// the time, so that the records sort by it; cite is the write's citation.
func removalProps(what aspnet.RemovedKind, removedID string, cite map[string]any) map[string]any {
	at, _ := cite["editedAt"].(time.Time)
	return map[string]any{
		"key":                  "rm-" + at.UTC().Format("20060102T150405.000000000Z") + "-" + uuid.NewString()[:8],
		"what":                 string(what),
		"removedId":            removedID,
		aspnet.PropCiteSources: cite[aspnet.PropCiteSources],
		aspnet.PropCiteQuotes:  cite[aspnet.PropCiteQuotes],
		// With the three lists, the export writes the citation as the other nodes' are.
		aspnet.PropCiteProperties: cite[aspnet.PropCiteProperties],
		"removedBy":               cite["editedBy"],
		"removedAt":               at.UTC(),
		aspnet.PropOrigin:         aspnet.OriginAPI,
	}
}

// Removals returns a page of the removal records, newest first. One round trip.
func (s *Store) Removals(ctx context.Context, p aspnet.Page) (c *aspnet.Conn[*aspnet.Removal], err error) {
	defer wrap(&err, "Store.Removals")
	gt, lt, desc, err := bounds(p, 1, true)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, removalListStmt.with(map[string]bool{"asc": !desc}), map[string]any{"gt": keyOf(gt), "lt": keyOf(lt), "limit": p.First + 1})
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, errors.New("no page of removals in the result")
	}
	page, _ := recs[0].Get("page")
	total, _ := recs[0].Get("total")
	n, _ := total.(int64)
	nodes, _ := page.([]any)
	items := make([]*aspnet.Removal, 0, len(nodes))
	for _, v := range nodes {
		node, ok := v.(neo4j.Node)
		if !ok {
			return nil, errors.New("no removal in the result")
		}
		items = append(items, decodeRemoval(node))
	}
	return pageOf(items, int(n), p, func(r *aspnet.Removal) []any { return []any{r.Key} }), nil
}

var removalListStmt = compose("removal_list")

// keyOf is the one string of a one-key cursor bound, or nil.
func keyOf(bound any) any {
	if bound == nil {
		return nil
	}
	return bound.([]any)[0]
}

func decodeRemoval(n neo4j.Node) *aspnet.Removal {
	p := &props{m: n.Props}
	r := &aspnet.Removal{
		Key: p.str("key"), What: aspnet.RemovedKind(p.str("what")), RemovedID: p.str("removedId"),
		Name: p.optStr("name"), TargetID: p.optStr("targetId"), TargetName: p.optStr("targetName"),
		RemovedBy: p.str("removedBy"), Date: p.optDate("date"), Label: p.optStr("label"),
	}
	if l := p.optStr("link"); l != nil {
		link := aspnet.EventLink(*l)
		r.Link = &link
	}
	if cs := p.citations(holderOf("Removal", r.Key)); len(cs) > 0 {
		r.Citation = cs[0]
	}
	r.At, _ = n.Props["removedAt"].(time.Time)
	return r
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
