package neo4jstore

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
)

//go:embed cypher/*.cypher
var cypherFiles embed.FS

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

// optionalLine matches a line of a statement that is sent only when its condition holds: one
// that ends with "// ?condition".
var optionalLine = regexp.MustCompile(`(?m)// \?([A-Za-z]+)$`)

// composed is a statement in cypher/ with optional lines (see optionalLine): a filter that
// only some requests set, say. Each request sends the lines of the conditions it sets, and
// Neo4j plans only those: a statement of eight optional filters written as
// "($x IS NULL OR ...)" takes several times as long to plan, on a freshly started Neo4j, as
// the same statement with the one filter a request uses (and may choose a worse plan). The
// whole file, every condition set, is a statement too, which the tests that run every
// statement run.
type composed struct {
	lines []string
	conds []string // the conditions, in the order they first appear
	cond  []int    // for each line, the index of its condition in conds, or -1
	// variants holds each variant made, by the bits of its conditions: every request that
	// sets the same conditions sends the very same string (see planID).
	variants sync.Map
}

// compose reads the statement in cypher/NAME.cypher for variants.
func compose(name string) *composed {
	return composeText(query(name))
}

func composeText(stmt string) *composed {
	c := &composed{lines: strings.Split(stmt, "\n")}
	for _, line := range c.lines {
		i := -1
		if m := optionalLine.FindStringSubmatch(line); m != nil {
			if i = slices.Index(c.conds, m[1]); i < 0 {
				i = len(c.conds)
				c.conds = append(c.conds, m[1])
			}
		}
		c.cond = append(c.cond, i)
	}
	if len(c.conds) > 64 {
		panic(fmt.Sprintf("neo4jstore: more than 64 conditions in %.40q…", stmt))
	}
	return c
}

// with returns the statement with the optional lines of the conditions set in on, which
// must name every condition of the statement, and no other: a programming error otherwise.
func (c *composed) with(on map[string]bool) string {
	if len(on) != len(c.conds) {
		panic(fmt.Sprintf("neo4jstore: conditions %v, want exactly %v", slices.Sorted(maps.Keys(on)), c.conds))
	}
	var bits uint64
	for i, name := range c.conds {
		set, ok := on[name]
		if !ok {
			panic(fmt.Sprintf("neo4jstore: condition %q not given", name))
		}
		if set {
			bits |= 1 << i
		}
	}
	if v, ok := c.variants.Load(bits); ok {
		return v.(string)
	}
	kept := make([]string, 0, len(c.lines))
	for i, line := range c.lines {
		if j := c.cond[i]; j < 0 || bits&(1<<j) != 0 {
			kept = append(kept, line)
		}
	}
	v, _ := c.variants.LoadOrStore(bits, strings.Join(kept, "\n"))
	return v.(string)
}

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
