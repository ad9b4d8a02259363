package neo4jstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.cypher
var migrationFiles embed.FS

// Migrate creates the constraints and indexes, idempotently, and waits for the indexes to
// come online.
func (s *Store) Migrate(ctx context.Context) (err error) {
	defer wrap(&err, "neo4jstore.Migrate")
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return err
		}
		for _, stmt := range splitStatements(string(b)) {
			// Schema changes cannot share a transaction with other writes: one each.
			if err := s.writeOne(ctx, stmt, nil); err != nil {
				return fmt.Errorf("%s: %w", e.Name(), err)
			}
		}
	}
	if err := s.writeOne(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return err
	}
	// Migration 006 (migrations/006_entity_identity.cypher) constrains the identities, which
	// are made in Go, so its data part is here; so is 007's (migrations/007_collation.cypher),
	// which indexes the sort keys, since Cypher cannot make them.
	if err := s.migrateIdentities(ctx); err != nil {
		return fmt.Errorf("006_entity_identity: %w", err)
	}
	if err := s.migrateSortKeys(ctx); err != nil {
		return fmt.Errorf("007_collation: %w", err)
	}
	return nil
}

// splitStatements splits a migration file at semicolons that end a line, dropping comments.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}
