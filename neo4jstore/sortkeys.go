package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// Every list ordered by name reads the nodes' sortKey, the collation key of the name (of the
// title, for sources): see package collation. Every write that gives a node a name gives it
// its key too (the load of data/, the API's creates and updates, the imports); the migration
// below gives one to nodes written before keys were, and makes every key again when the
// rules keys are made by change.
//
// sortedLabels are also the labels an import of the export's format gives keys to.

// withSortKey adds to the properties m of a write the sort key of the name (or title) it
// sets, when it sets one; a null name leaves the key alone.
func withSortKey(m map[string]any) map[string]any {
	for _, p := range []string{"name", "title"} {
		if v, ok := m[p].(string); ok {
			m[aspnet.PropSortKey] = collation.Key(v, "")
			break
		}
	}
	return m
}

// sortKeyOf is the sort key of a new name, or nil when there is none ("").
func sortKeyOf(name string) any {
	if name == "" {
		return nil
	}
	return collation.Key(name, "")
}

// sortedLabels are the labels whose lists are ordered by sortKey, with the property the key
// is made of.
var sortedLabels = []struct{ label, prop string }{
	{string(aspnet.KindSource), "title"},
	{string(aspnet.KindCountry), "name"},
	{string(aspnet.KindCity), "name"},
	{string(aspnet.KindNetwork), "name"},
	{string(aspnet.KindKeyArea), "name"},
	{string(aspnet.KindOrganization), "name"},
	{string(aspnet.KindSchool), "name"},
	{string(aspnet.KindOccasion), "name"},
	{string(aspnet.KindEvent), "name"},
}

// sortKeyBatch bounds the rows of one write of the migration.
const sortKeyBatch = 1000

// migrateSortKeys gives a sort key to every node that lacks one, or whose key other rules made
// (every key starts with its rules' collation.Prefix), in one transaction. Keys are made here,
// not in Cypher, which cannot collate. A node's key is made in the language its names give its
// display name (see setNames), else as collation.Language guesses.
func (s *Store) migrateSortKeys(ctx context.Context) error {
	return s.writeWithin(ctx, loadTimeout, func(tx neo4j.ManagedTransaction) error {
		for _, l := range sortedLabels {
			if err := sortKeysOf(ctx, tx, l.label, l.prop); err != nil {
				return fmt.Errorf("sort keys of %s: %w", l.label, err)
			}
		}
		return nil
	})
}

// sortKeysOf makes, in tx, the sort keys the nodes of label lack (or hold by other rules), from
// their property prop, a batch at a time.
func sortKeysOf(ctx context.Context, tx neo4j.ManagedTransaction, label, prop string) error {
	pending := template(query("sort_key_pending"), map[string]string{"label": label})
	set := template(query("sort_key_set"), map[string]string{"label": label})
	for {
		recs, err := runRecords(ctx, tx, pending, map[string]any{"prop": prop, "prefix": collation.Prefix, "limit": sortKeyBatch})
		if err != nil || len(recs) == 0 {
			return err
		}
		rows := make([]map[string]any, len(recs))
		for i, r := range recs {
			key, _ := r.Get("key")
			text, _ := r.Get("text")
			lang, _ := r.Get("lang")
			t, _ := text.(string)
			lg, _ := lang.(string)
			rows[i] = map[string]any{"key": key, "sortKey": collation.Key(t, lg)}
		}
		if _, err := runWrite(ctx, tx, set, map[string]any{"rows": rows}); err != nil {
			return err
		}
		if len(recs) < sortKeyBatch {
			return nil
		}
	}
}

// sorted reports whether the nodes of label are ordered by sort key.
func sorted(label string) bool {
	for _, l := range sortedLabels {
		if l.label == label {
			return true
		}
	}
	return false
}
