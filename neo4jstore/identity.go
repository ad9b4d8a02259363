package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Identities (aspnet.SchoolIdentity, EventIdentity, NameIdentity) are made in Go and reach the
// statements as parameters: the creates merge on them, the updates set them again after a
// change (keepIdentity), the load gives them (load_nodes), and the migration below gives them
// to nodes written before they existed.

// identityOf is the identity an event, organisation or key area holds; "" for other kinds.
func identityOf(n aspnet.Node) string {
	switch x := n.(type) {
	case *aspnet.Event:
		return aspnet.EventIdentity(x.Name, x.Date)
	case *aspnet.Organization:
		return aspnet.NameIdentity(x.Name)
	case *aspnet.KeyArea:
		return aspnet.NameIdentity(x.Name)
	}
	return ""
}

// keepIdentity gives the node of kind k in column col of rec, which a write just changed, the
// identity it now has, when that is not the one it holds: a change that makes it the same as
// another node fails on the label's identity constraint. An empty identity changes nothing.
func keepIdentity(ctx context.Context, tx neo4j.ManagedTransaction, k aspnet.Kind, rec *neo4j.Record, col, identity string) error {
	v, _ := rec.Get(col)
	n, ok := v.(neo4j.Node)
	if !ok {
		return fmt.Errorf("no node in column %s", col)
	}
	if identity == "" || n.Props[aspnet.PropIdentity] == identity {
		return nil
	}
	_, err := runWrite(ctx, tx, template(query("write_identity"), map[string]string{"label": string(k)}),
		map[string]any{"key": n.Props["key"], "identity": identity})
	return err
}

// identityBatch bounds the nodes the migration reads at a time.
const identityBatch = 1000

// migrateIdentities gives their identity to the events, organisations and key areas that have
// none (written before identities existed), in one transaction: where several would share one,
// the first by key gets it and the others stay without, and none takes one another node has.
func (s *Store) migrateIdentities(ctx context.Context) error {
	return s.writeWithin(ctx, loadTimeout, func(tx neo4j.ManagedTransaction) error {
		for _, k := range []aspnet.Kind{aspnet.KindEvent, aspnet.KindOrganization, aspnet.KindKeyArea} {
			if err := identitiesOf(ctx, tx, k); err != nil {
				return fmt.Errorf("identities of %s: %w", k, err)
			}
		}
		return nil
	})
}

// identitiesOf gives, in tx, the nodes of kind k without identity theirs, a batch at a time.
func identitiesOf(ctx context.Context, tx neo4j.ManagedTransaction, k aspnet.Kind) error {
	slots := map[string]string{"label": string(k)}
	pending, set := template(query("identity_pending"), slots), template(query("identity_set"), slots)
	after := ""
	for {
		recs, err := runRecords(ctx, tx, pending, map[string]any{"after": after, "withDate": identityDated[k], "limit": identityBatch})
		if err != nil || len(recs) == 0 {
			return err
		}
		var rows []map[string]any
		seen := map[string]bool{}
		for _, r := range recs {
			m := r.AsMap()
			key, _ := m["key"].(string)
			name, _ := m["name"].(string)
			after = key
			id := aspnet.NameIdentity(name)
			if identityDated[k] {
				date, err := aspnet.ParseDate(fmt.Sprint(m["date"]))
				if err != nil {
					continue
				}
				id = aspnet.EventIdentity(name, date)
			}
			if !seen[id] {
				seen[id] = true
				rows = append(rows, map[string]any{"key": key, "identity": id})
			}
		}
		if _, err := runWrite(ctx, tx, set, map[string]any{"rows": rows}); err != nil {
			return err
		}
		if len(recs) < identityBatch {
			return nil
		}
	}
}

// identityDated names the kinds whose identity the API's creates and updates keep, and that a
// load gives a node that has none: true where the identity has the date (events; see
// aspnet.EventIdentity).
var identityDated = map[aspnet.Kind]bool{aspnet.KindEvent: true, aspnet.KindOrganization: false, aspnet.KindKeyArea: false}
