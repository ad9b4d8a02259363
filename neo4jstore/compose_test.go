package neo4jstore

import (
	"slices"
	"strings"
	"testing"
	"unsafe"
)

func TestComposedKeepsTheLinesOfSetConditions(t *testing.T) {
	c := composeText("MATCH (s:School)\nWHERE true\n  AND s.a = $a // ?a\n  AND EXISTS { // ?b\n    (s)--() } // ?b\nRETURN s")
	if !slices.Equal(c.conds, []string{"a", "b"}) {
		t.Fatalf("conditions %v, want [a b]", c.conds)
	}
	for _, tc := range []struct {
		on   map[string]bool
		want string
	}{
		{map[string]bool{"a": false, "b": false}, "MATCH (s:School)\nWHERE true\nRETURN s"},
		{map[string]bool{"a": true, "b": false}, "MATCH (s:School)\nWHERE true\n  AND s.a = $a // ?a\nRETURN s"},
		{map[string]bool{"a": false, "b": true}, "MATCH (s:School)\nWHERE true\n  AND EXISTS { // ?b\n    (s)--() } // ?b\nRETURN s"},
	} {
		if got := c.with(tc.on); got != tc.want {
			t.Errorf("with(%v) = %q, want %q", tc.on, got, tc.want)
		}
	}
	// The same conditions give the very same string: the plan key does not copy it.
	x, y := c.with(map[string]bool{"a": true, "b": true}), c.with(map[string]bool{"b": true, "a": true})
	if unsafe.StringData(x) != unsafe.StringData(y) {
		t.Error("two calls with the same conditions made two strings")
	}
	for _, on := range []map[string]bool{{"a": true}, {"a": true, "b": true, "c": false}, {"a": true, "c": true}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("with(%v) did not panic", on)
				}
			}()
			c.with(on)
		}()
	}
}

// conds sets the conditions of c from bits, in its order.
func conds(c *composed, bits int) map[string]bool {
	on := map[string]bool{}
	for i, name := range c.conds {
		on[name] = bits&(1<<i) != 0
	}
	return on
}

// TestEveryVariantIsNamed: metrics and traces name every variant of a composed statement by
// its file.
func TestEveryVariantIsNamed(t *testing.T) {
	for name, c := range map[string]*composed{"schools": schoolsStmt, "events": eventsStmt} {
		if want := map[string]int{"schools": 13, "events": 9}[name]; len(c.conds) != want {
			t.Fatalf("%s has conditions %v, want %d", name, c.conds, want)
		}
		for bits := range 1 << len(c.conds) {
			if got := StatementName(c.with(conds(c, bits))); got != name {
				t.Fatalf("the variant %v of %s is named %q", conds(c, bits), name, got)
			}
		}
		if got := StatementName(strings.Replace(c.with(conds(c, 0)), "WHERE true", "WHERE false", 1)); got != "other" {
			t.Errorf("a changed variant of %s is named %q", name, got)
		}
	}
}
