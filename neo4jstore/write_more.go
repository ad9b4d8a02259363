package neo4jstore

import (
	"context"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

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
