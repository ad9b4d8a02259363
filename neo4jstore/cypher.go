package neo4jstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

//go:embed cypher/*.cypher
var cypherFiles embed.FS

//go:embed migrations/*.cypher
var migrationFiles embed.FS

// query returns the statement in cypher/NAME.cypher. The files are embedded, so a missing
// one is a programming error caught by the tests that run every statement.
func query(name string) string {
	b, err := cypherFiles.ReadFile("cypher/" + name + ".cypher")
	if err != nil {
		panic(fmt.Sprintf("neo4jstore: no statement %q", name))
	}
	return string(b)
}

// Queries lists the names of every statement in cypher/, for tests that check them all.
func Queries() []string {
	entries, _ := fs.ReadDir(cypherFiles, "cypher")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".cypher"))
	}
	return names
}

var identifier = regexp.MustCompile(`^[A-Z][A-Za-z_]*$`)

// template fills the {{name}} slots of a statement with labels or relationship types. Only
// identifiers from the loader's own tables reach it, and each is checked: values never do.
func template(stmt string, slots map[string]string) string {
	for k, v := range slots {
		if !identifier.MatchString(v) {
			panic(fmt.Sprintf("neo4jstore: %q is not a label or relationship type", v))
		}
		stmt = strings.ReplaceAll(stmt, "{{"+k+"}}", v)
	}
	return stmt
}

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
	return s.writeOne(ctx, "CALL db.awaitIndexes(300)", nil)
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
