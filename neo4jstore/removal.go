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
		"key":           "rm-" + at.UTC().Format("20060102T150405.000000000Z") + "-" + uuid.NewString()[:8],
		"what":          string(what),
		"removedId":     removedID,
		propCiteSources: cite[propCiteSources],
		propCiteQuotes:  cite[propCiteQuotes],
		"removedBy":     cite["editedBy"],
		"removedAt":     at.UTC(),
		propOrigin:      originAPI,
	}
}

// Removals returns a page of the removal records, newest first. One round trip.
func (s *Store) Removals(ctx context.Context, p aspnet.Page) (c *aspnet.Conn[*aspnet.Removal], err error) {
	defer wrap(&err, "Store.Removals")
	before := "~" // after every key, which begins "rm-"
	if len(p.After) > 0 {
		k, ok := p.After[0].(string)
		if !ok || len(p.After) != 1 {
			return nil, aspnet.Errorf(aspnet.CodeBadUserInput, "argument after: not a cursor of this list")
		}
		before = k
	}
	recs, err := s.read(ctx, query("removal_list"), map[string]any{"before": before, "limit": p.First + 1})
	if err != nil {
		return nil, err
	}
	c = &aspnet.Conn[*aspnet.Removal]{HasPrev: len(p.After) > 0}
	if len(recs) != 1 {
		return nil, errors.New("no page of removals in the result")
	}
	page, _ := recs[0].Get("page")
	total, _ := recs[0].Get("total")
	n, _ := total.(int64)
	c.TotalCount = int(n)
	nodes, _ := page.([]any)
	for i, v := range nodes {
		if i == p.First {
			c.HasNext = true
			break
		}
		node, ok := v.(neo4j.Node)
		if !ok {
			return nil, errors.New("no removal in the result")
		}
		r := decodeRemoval(node)
		c.Items = append(c.Items, r)
		c.Cursors = append(c.Cursors, aspnet.EncodeCursor([]any{r.Key}))
	}
	return c, nil
}

func decodeRemoval(n neo4j.Node) *aspnet.Removal {
	p := &props{m: n.Props}
	r := &aspnet.Removal{
		Key: p.str("key"), What: aspnet.RemovedKind(p.str("what")), RemovedID: p.str("removedId"),
		Name: p.optStr("name"), TargetID: p.optStr("targetId"), TargetName: p.optStr("targetName"),
		RemovedBy: p.str("removedBy"),
	}
	if l := p.optStr("link"); l != nil {
		link := aspnet.EventLink(*l)
		r.Link = &link
	}
	if cs := p.citations(); len(cs) > 0 {
		r.Citation = cs[0]
	}
	r.At, _ = n.Props["removedAt"].(time.Time)
	return r
}
