package neo4jstore

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

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
