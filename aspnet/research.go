package aspnet

// NodeRef names an entity by its kind and key, as an ID does.
type NodeRef struct {
	Kind Kind
	Key  string
}

// ID returns the opaque ID of the entity the reference names.
func (r NodeRef) ID() string { return EncodeID(r.Kind, r.Key) }

// Edge is a relationship between two entities as a graph view draws it: the IDs of the entity
// it starts from and of the one it points to, and its type, such as MEMBER_OF.
type Edge struct {
	// Key is the key of the relationship (from, type and to when it has none).
	Key       string
	From      string
	To        string
	Type      string
	Citations []Citation
	// Basis is what the relationship rests on; Reasoning the curators' reasoning for an
	// EDITORIAL one.
	Basis     Basis
	Reasoning *string
}

// ID returns the relationship's opaque, stable ID.
func (e *Edge) ID() string { return ValueID("Edge", e.Key) }

// Path is a chain of relationships between two entities. Nodes run from the start to the end;
// Edges[i] joins Nodes[i] and Nodes[i+1], pointing whichever way the relationship points.
type Path struct {
	Nodes []Node
	Edges []Edge
}

// Length returns how many relationships the path has: 0 from an entity to itself.
func (p *Path) Length() int { return len(p.Edges) }

// Subgraph is some entities and every relationship between two of them. Truncated says that
// more entities were within reach than were returned.
type Subgraph struct {
	Nodes     []Node
	Edges     []Edge
	Truncated bool
}

// SearchHit is an entity that full-text search found, with how well it matches: higher is
// better, and scores compare only within one search.
type SearchHit struct {
	Node  Node
	Score float64
}

// KeyAreaStat is how many schools work in a key area and how many events are in it.
type KeyAreaStat struct {
	KeyArea *KeyArea
	Schools int
	Events  int
	// Bases are the bases of the links counted and followed.
	Bases []Basis
	// Links says how many links of each of Bases were counted (WORKS_IN, IN_KEY_AREA) and
	// followed (MAPS_TO).
	Links []*BasisCount
}

// BasisCount is how many links of one basis a statistic counted.
type BasisCount struct {
	Basis Basis
	Links int
}

// KeyAreaMapping is a key area's MAPS_TO link to a later area that continues its work, with
// what it rests on.
type KeyAreaMapping struct {
	// Key is unique among mappings: the MAPS_TO relationship's, as the store makes it.
	Key       string
	KeyArea   *KeyArea
	Basis     Basis
	Reasoning *string
	Citations []Citation
}

// ID returns the mapping's opaque, stable ID, for clients' caches.
func (m *KeyAreaMapping) ID() string { return ValueID("KeyAreaMapping", m.Key) }

// KeyAreaStatSort is the order of key area statistics.
type KeyAreaStatSort string

// The orders of key area statistics. Counts tie-break by name, A to Z, then by key.
const (
	KeyAreaStatSortName    KeyAreaStatSort = "NAME"
	KeyAreaStatSortSchools KeyAreaStatSort = "SCHOOLS"
	KeyAreaStatSortEvents  KeyAreaStatSort = "EVENTS"
)
