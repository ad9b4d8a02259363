package aspnet

import "regexp"

// Graph is the knowledge graph in bulk, as labelled nodes and typed relationships with their
// stored properties: what the load of data/ writes, what the export reads and what the import
// of the export's format writes.
type Graph struct {
	Nodes []GraphNode
	Rels  []GraphRel
}

// GraphRef names a node of the bulk graph: its label and its key.
type GraphRef struct {
	Label, Key string
}

// String is the reference as the export writes it, "Label:key".
func (r GraphRef) String() string { return r.Label + ":" + r.Key }

// GraphNode is a node of the bulk graph. Props holds every property but the key: strings,
// int64, float64, bool, lists of those ([]any), Day for a calendar date and time.Time for an
// instant.
type GraphNode struct {
	GraphRef
	Props map[string]any
}

// GraphRel is a relationship of the bulk graph; Props as in GraphNode, without the key.
type GraphRel struct {
	Type     string
	Key      string
	From, To GraphRef
	Props    map[string]any
}

// Day is the value of a calendar-date property of the bulk graph, as "2006-01-02".
type Day string

// The labels of the bulk graph beyond the kinds of entity.
const (
	// LabelGrowthFigure is a size of a network that a source published.
	LabelGrowthFigure = "GrowthFigure"
	// LabelClaim is one source's claim of an organisation's founding date.
	LabelClaim = "Claim"
	// LabelRemoval is the record a deletion or unlinking leaves: no relationships, no ID.
	LabelRemoval = "Removal"
)

// GraphLabels lists the node labels the graph holds, in the order the export reads them: every
// kind of entity, growth figures, claims and removal records.
var GraphLabels = func() []string {
	out := make([]string, 0, len(Kinds)+3)
	for _, k := range Kinds {
		out = append(out, string(k))
	}
	return append(out, LabelGrowthFigure, LabelClaim, LabelRemoval)
}()

// IsGraphLabel reports whether label is one of GraphLabels.
func IsGraphLabel(label string) bool {
	for _, l := range GraphLabels {
		if l == label {
			return true
		}
	}
	return false
}

var relType = regexp.MustCompile(`^[A-Z][A-Z_]*$`)

// IsRelType reports whether t can name a relationship type: capital letters and underscores.
func IsRelType(t string) bool { return relType.MatchString(t) }

// The relationship types of the bulk graph.
const (
	TypeInCountry   = "IN_COUNTRY"
	TypeInCity      = "IN_CITY"
	TypePartOf      = "PART_OF"
	TypeFigureOf    = "FIGURE_OF"
	TypeAbout       = "ABOUT"
	TypeAreaOf      = "AREA_OF"
	TypeMapsTo      = "MAPS_TO"
	TypeCovers      = "COVERS"
	TypeClaimOf     = "CLAIM_OF"
	TypeMemberOf    = "MEMBER_OF"
	TypeWorksIn     = "WORKS_IN"
	TypeHeldAt      = "HELD_AT"
	TypeOrganizedBy = "ORGANIZED_BY"
	TypeMarks       = "MARKS"
	TypeInKeyArea   = "IN_KEY_AREA"
	TypeParticipant = "PARTICIPANT"
	TypeMadeAt      = "MADE_AT"
)

// The properties of the bulk graph that more than one writer or reader names.
const (
	// PropOrigin says what wrote a node or relationship: OriginDataset, OriginAPI or
	// OriginImport.
	PropOrigin = "origin"
	// PropCiteSources, PropCiteQuotes and PropCiteProperties hold the citations of a node or
	// relationship as lists of equal length (Neo4j properties cannot hold maps): each
	// citation's Source key, quote and property ("" where none).
	PropCiteSources    = "citeSources"
	PropCiteQuotes     = "citeQuotes"
	PropCiteProperties = "citeProperties"
	// PropCiteSummaries and PropCiteRules are written only where a citation has one: the
	// project's summary of a source whose words it does not hold, and the rule of a DERIVED
	// fact.
	PropCiteSummaries = "citeSummaries"
	PropCiteRules     = "citeRules"
	// PropBasis is a relationship's basis when it is not STATED (EDITORIAL or DERIVED);
	// PropReasoning the curators' reasoning for an EDITORIAL one.
	PropBasis     = "basis"
	PropReasoning = "reasoning"
	// PropSortKey is the collation key of a node's name (a source's title) that lists order
	// by; see package collation.
	PropSortKey = "sortKey"
	// PropNames, PropNameKinds and PropNameLangs hold the names a node bears as lists of
	// equal length (its language "" where none); PropNameCiteOf, PropNameCiteSources and
	// PropNameCiteQuotes their citations, as three more: the index of the cited name, the
	// Source key and the quote ("" where none).
	PropNames           = "names"
	PropNameKinds       = "nameKinds"
	PropNameLangs       = "nameLangs"
	PropNameCiteOf      = "nameCiteOf"
	PropNameCiteSources = "nameCiteSources"
	PropNameCiteQuotes  = "nameCiteQuotes"
	// PropLoadHash is the fingerprint of the properties the load of data/ gave a node or
	// relationship, by which a load tells whether data/ changed it since.
	PropLoadHash = "loadHash"
	// PropIdentity is the identity of a school, event, organisation or key area: writes that
	// would make an entity the graph has find it by its identity instead.
	PropIdentity = "identity"
)

// The origins of what the graph holds (PropOrigin).
const (
	// OriginDataset marks what the load of data/ wrote; a load removes what it wrote and
	// data/ no longer holds.
	OriginDataset = "dataset"
	// OriginAPI marks what the API wrote; loads of data/ leave it alone.
	OriginAPI = "api"
	// OriginImport marks what `aspgraph import` wrote from its row formats; loads of data/
	// leave it alone.
	OriginImport = "import"
)

// LoadStats says what a load of the bulk graph changed.
type LoadStats struct {
	Nodes, Relationships              int
	NodesCreated, NodesDeleted        int
	RelationshipsCreated, RelsDeleted int
	PropertiesSet                     int
}
