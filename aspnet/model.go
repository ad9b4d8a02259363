package aspnet

import "strconv"

// Node is any entity of the knowledge graph.
type Node interface {
	// ID returns the entity's opaque, stable ID.
	ID() string
}

// Citation says which source states a fact, and with which sentence.
type Citation struct {
	SourceKey string
	// Quote is the source's own words; Summary the project's summary of a source whose words
	// it does not hold.
	Quote    *string
	Summary  *string
	Property *string
	// Rule, when set, says how the fact is computed from what the source states (DERIVED).
	Rule *string
	// Holder names what holds the citation (an entity, relationship or record, as holderOf
	// spells it) and Index its place among the holder's citations, which only grow: together
	// they make the citation's ID.
	Holder string
	Index  int
}

// ID returns the citation's opaque, stable ID, for clients' caches: the Index-th citation of
// its holder.
func (c *Citation) ID() string { return ValueID("Citation", c.Holder+"#"+strconv.Itoa(c.Index)) }

// ValueID makes the opaque ID of something that is not an entity (a membership, a citation, a
// growth point...) from its type and a key unique within the type. Such IDs serve clients'
// caches; node(id:) answers null for them.
func ValueID(typ, key string) string { return EncodeID(Kind(typ), key) }

// Source is a published document that states facts held in the graph.
type Source struct {
	Key       string
	Title     string
	URL       *string
	Publisher *string
	Published *Date
	Note      *string
	// Citations are the sources of the changes made to the source's details.
	Citations []Citation
}

// ID returns the source's opaque ID.
func (s *Source) ID() string { return EncodeID(KindSource, s.Key) }

// Country is a country named by a source.
type Country struct {
	Key  string
	Name string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names             []Name
	Independence      *Date
	UNESCOMemberSince *Date
	Citations         []Citation
}

// ID returns the country's opaque ID.
func (c *Country) ID() string { return EncodeID(KindCountry, c.Key) }

// City is a city named by a source.
type City struct {
	Key  string
	Name string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names     []Name
	Citations []Citation
}

// ID returns the city's opaque ID.
func (c *City) ID() string { return EncodeID(KindCity, c.Key) }

// NetworkScope says whether a network is global or national.
type NetworkScope string

// The scopes of a network.
const (
	ScopeGlobal   NetworkScope = "GLOBAL"
	ScopeNational NetworkScope = "NATIONAL"
)

// Network is the global ASPnet or a national network within it.
type Network struct {
	Key  string
	Name string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names        []Name
	Scope        NetworkScope
	Launched     *Date
	OriginalName *string
	Objective    *string
	Citations    []Citation
}

// ID returns the network's opaque ID.
func (n *Network) ID() string { return EncodeID(KindNetwork, n.Key) }

// GrowthBasis says whether a growth figure was published or counted from the graph.
type GrowthBasis string

// The bases of a growth figure.
const (
	BasisPublished GrowthBasis = "PUBLISHED"
	BasisRecorded  GrowthBasis = "RECORDED"
)

// GrowthPoint is the size of a network at a date.
type GrowthPoint struct {
	// Key is unique among growth points: "figure|" and the growth figure's key for a
	// PUBLISHED point; the network, the split, the country and the year for a RECORDED one.
	Key        string
	Date       Date
	Schools    *int
	Countries  *int
	Candidates *int
	// SchoolsQualifier, CountriesQualifier and CandidatesQualifier qualify each count as its
	// source does; a RECORDED count is EXACT.
	SchoolsQualifier    *Qualifier
	CountriesQualifier  *Qualifier
	CandidatesQualifier *Qualifier
	// Unit is what the countries count counts, when its source names something else.
	Unit  *string
	Basis GrowthBasis
	// CountryKey is the country a RECORDED point counts, when growth is split by country.
	CountryKey *string
	Citations  []Citation
	// Disputes are the disputes the point is a claim of (Growth fills them in).
	Disputes []*GrowthDispute
	// PublishedTotal is, for a RECORDED point, the latest PUBLISHED point of the same
	// network on or before its date: the published total the recorded memberships stand
	// against (Growth fills it in).
	PublishedTotal *GrowthPoint
}

// ID returns the growth point's opaque, stable ID.
func (g *GrowthPoint) ID() string { return ValueID("GrowthPoint", g.Key) }

// Note is a statement a source makes that no other field holds.
type Note struct {
	Key       string
	Date      *Date
	Text      string
	Citations []Citation
}

// ID returns the note's opaque ID.
func (n *Note) ID() string { return EncodeID(KindNote, n.Key) }

// KeyArea is a thematic area of the network's work.
type KeyArea struct {
	Key  string
	Name string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names        []Name
	Abbreviation *string
	Citations    []Citation
}

// ID returns the key area's opaque ID.
func (k *KeyArea) ID() string { return EncodeID(KindKeyArea, k.Key) }

// KeyAreaPeriod says when a network worked in a key area.
type KeyAreaPeriod struct {
	// Key is the key of the AREA_OF relationship that holds the period.
	Key        string
	NetworkKey string
	Label      string
	From       *Date
	To         *Date
	Citations  []Citation
}

// ID returns the period's opaque, stable ID.
func (k *KeyAreaPeriod) ID() string { return ValueID("KeyAreaPeriod", k.Key) }

// DateClaim is one source's claim of a date.
type DateClaim struct {
	// Key is the key of the node that holds the claim.
	Key       string
	Date      Date
	Citations []Citation
}

// ID returns the claim's opaque, stable ID.
func (d *DateClaim) ID() string { return ValueID("DateClaim", d.Key) }

// Organization is a body that runs or coordinates ASPnet work.
type Organization struct {
	Key  string
	Name string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names     []Name
	Citations []Citation
}

// ID returns the organisation's opaque ID.
func (o *Organization) ID() string { return EncodeID(KindOrganization, o.Key) }

// MembershipStatus is a school's standing in a network.
type MembershipStatus string

// The statuses of a membership.
const (
	StatusCandidate MembershipStatus = "CANDIDATE"
	StatusMember    MembershipStatus = "MEMBER"
	StatusFormer    MembershipStatus = "FORMER"
)

// Membership is a school's membership of a network.
type Membership struct {
	// Key is the key of the MEMBER_OF relationship that holds the membership.
	Key          string
	SchoolKey    string
	NetworkKey   string
	Since        *Date
	Until        *Date
	Status       MembershipStatus
	NationalTerm *string
	Founding     bool
	Citations    []Citation
}

// ID returns the membership's opaque, stable ID.
func (m *Membership) ID() string { return ValueID("Membership", m.Key) }

// School is an ASPnet school.
type School struct {
	Key  string
	Name string
	// SortKey is the collation key of the name that lists order by (the store makes it;
	// cursors hold it).
	SortKey string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names     []Name
	Citations []Citation
}

// ID returns the school's opaque ID.
func (s *School) ID() string { return EncodeID(KindSchool, s.Key) }

// Occasion is what an event celebrates or marks.
type Occasion struct {
	Key  string
	Name string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names       []Name
	Date        *Date
	Recurs      *string
	Established *Date
	Citations   []Citation
}

// ID returns the occasion's opaque ID.
func (o *Occasion) ID() string { return EncodeID(KindOccasion, o.Key) }

// Appeal is a statement made at an event.
type Appeal struct {
	Key       string
	Text      string
	By        *string
	To        *string
	Citations []Citation
}

// ID returns the appeal's opaque ID.
func (a *Appeal) ID() string { return EncodeID(KindAppeal, a.Key) }

// Event is a festival, workshop, seminar or other event, or a part of one's programme.
type Event struct {
	Key  string
	Name string
	// SortKey is the collation key of the name that lists order by (the store makes it;
	// cursors hold it).
	SortKey string
	// Names are every name the entity bears, the display name among them, with their sources.
	Names       []Name
	Kind        *string
	Date        Date
	EndDate     *Date
	Description *string
	Purpose     *string
	Citations   []Citation
}

// ID returns the event's opaque ID.
func (e *Event) ID() string { return EncodeID(KindEvent, e.Key) }
