package neo4jstore

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

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

// citation resolves the provenance's source (finding or making the Source of a URL) and
// returns the properties that record one citation and the edit on a node or relationship.
func citation(ctx context.Context, tx neo4j.ManagedTransaction, p aspnet.Provenance) (map[string]any, error) {
	at := p.EditedAt.UTC()
	if p.SourceURL != "" {
		rec, err := single(ctx, tx, query("write_source_url"), map[string]any{
			"url": p.SourceURL, "sortKey": collation.Key(p.SourceURL, ""), "key": aspnet.URLSourceKey(p.SourceURL), "by": p.EditedBy, "at": at,
		})
		if err != nil {
			return nil, err
		}
		key, _ := rec.Get("key")
		p.SourceKey, _ = key.(string)
	}
	return citationOf(p, p.SourceKey), nil
}

// checkedCitation checks the keys a write refers to (checkKeys), and then makes the citation
// of p (citation): the first two steps of most writes.
func checkedCitation(ctx context.Context, tx neo4j.ManagedTransaction, p aspnet.Provenance, subject *aspnet.NodeRef, refs []aspnet.Ref) (map[string]any, error) {
	if err := checkKeys(ctx, tx, subject, refs); err != nil {
		return nil, err
	}
	return citation(ctx, tx, p)
}

// citationOf is the properties that record one citation of the Source with sourceKey, with
// p's quote, and the edit, on a node or relationship.
func citationOf(p aspnet.Provenance, sourceKey string) map[string]any {
	return map[string]any{
		aspnet.PropOrigin:         aspnet.OriginAPI,
		aspnet.PropCiteSources:    []string{sourceKey},
		aspnet.PropCiteQuotes:     []string{p.Quote},
		aspnet.PropCiteProperties: []string{""},
		"editedBy":                p.EditedBy,
		"editedAt":                p.EditedAt.UTC(),
	}
}

// sourceRef is the reference to the Source a provenance names by ID, if it does.
func sourceRef(p aspnet.Provenance) []aspnet.Ref {
	if p.SourceKey == "" {
		return nil
	}
	return []aspnet.Ref{{Field: aspnet.FieldSource, NodeRef: aspnet.NodeRef{Kind: aspnet.KindSource, Key: p.SourceKey}}}
}
