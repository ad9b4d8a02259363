package aspnet

import "strings"

// NameKind says where a name an entity bears comes from.
type NameKind string

// The kinds of a name.
const (
	// NameOfficial is the entity's own name for itself, as a source gives it.
	NameOfficial NameKind = "OFFICIAL"
	// NameAsCited is a name a source uses for the entity, spelt as the source spells it.
	NameAsCited NameKind = "AS_CITED"
	// NameCuratorsLabel is a label the graph's curators composed: no source gives it as such.
	NameCuratorsLabel NameKind = "CURATORS_LABEL"
)

// Valid reports whether k is one of the kinds of a name.
func (k NameKind) Valid() bool {
	switch k {
	case NameOfficial, NameAsCited, NameCuratorsLabel:
		return true
	}
	return false
}

// Name is one of the names an entity bears, with where it comes from. A curators' label has
// no citation; every other name has at least one, whose quote holds the name as spelt.
type Name struct {
	// Holder names the entity that bears the name (as the store's holderOf spells it), for
	// the name's ID.
	Holder string
	Value  string
	Kind   NameKind
	// Language is the BCP 47 tag of the name's language, when the data gives it.
	Language  *string
	Citations []Citation
}

// ID returns the name's opaque, stable ID, for clients' caches: its holder, value, kind and
// language, which together tell an entity's names apart whatever their order.
func (n *Name) ID() string {
	lang := ""
	if n.Language != nil {
		lang = *n.Language
	}
	return ValueID("Name", n.Holder+"#"+n.Value+"#"+string(n.Kind)+"#"+lang)
}

// NameContains reports whether sub is, case aside, within the display name or any of names:
// the rule of every name filter, as the store's Cypher applies it (toLower ... CONTAINS).
func NameContains(display string, names []Name, sub string) bool {
	sub = strings.ToLower(sub)
	if strings.Contains(strings.ToLower(display), sub) {
		return true
	}
	for _, n := range names {
		if strings.Contains(strings.ToLower(n.Value), sub) {
			return true
		}
	}
	return false
}
