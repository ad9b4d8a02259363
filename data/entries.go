package data

// Citation says which source states a fact, and with which sentence.
type Citation struct {
	// Source is the id of a Source entry.
	Source string `yaml:"source"`
	// Quote is the source's own words that state the fact, verbatim: only words the project
	// holds in the source's text (provenance.Check). Empty when the project holds no
	// sentence of the source for the fact.
	Quote string `yaml:"quote,omitempty"`
	// Summary is the project's own summary of what the source says, for a source whose words
	// the project does not hold; it is never the source's wording.
	Summary string `yaml:"summary,omitempty"`
	// Rule, when set, makes the fact DERIVED: it is computed from what this citation states
	// by this rule (for example "1991 + 25 = 2016"), not stated by the source itself.
	Rule string `yaml:"rule,omitempty"`
	// Property names the property the citation supports (for example "launched"), when it
	// supports one property rather than the whole entry.
	Property string `yaml:"property,omitempty"`
}

// Name is a name an entry bears, its display name among them, with where it comes from.
// Kind is OFFICIAL (the entity's own name for itself), AS_CITED (a name a source uses, as
// it spells it) or CURATORS_LABEL (a label the curators composed, which no source gives as
// such; it has no citation). An OFFICIAL or AS_CITED name cites its sources; a citation's
// quote, when it has one, is the source's words that give the name.
type Name struct {
	Value string `yaml:"value"`
	Kind  string `yaml:"kind"`
	// Lang is the BCP 47 tag of the name's language (for example "ru", "kk", "de"); names
	// without one are collated by their letters (see package collation).
	Lang string     `yaml:"lang,omitempty"`
	Cite []Citation `yaml:"cite,omitempty"`
}

// Link is a relationship from one entry to another, with its own citations.
type Link struct {
	ID   string     `yaml:"id"`
	Cite []Citation `yaml:"cite,omitempty"`
	// Basis is EDITORIAL for a link the curators inferred, which no source states: it then
	// has Reasoning and no citation. Empty otherwise: the link is STATED by its citations,
	// or DERIVED when one of them has a rule.
	Basis string `yaml:"basis,omitempty"`
	// Reasoning is why the curators inferred an EDITORIAL link.
	Reasoning string `yaml:"reasoning,omitempty"`
}

// Source is a published document that states facts held in the graph.
type Source struct {
	ID        string `yaml:"id"`
	Title     string `yaml:"title"`
	URL       string `yaml:"url,omitempty"`
	Publisher string `yaml:"publisher,omitempty"`
	Published string `yaml:"published,omitempty"`
	// Note says how the source reached the project (for example "copy at ...").
	Note string `yaml:"note,omitempty"`
	// HeldIn names the passages of the project's texts that hold the source's words beyond
	// those the facts file introduces with the source's address: "seed", or a facts-file
	// section label such as "F2" (see package provenance).
	HeldIn []string `yaml:"heldIn,omitempty"`
}

// Country is a country named by a source.
type Country struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names []Name `yaml:"names,omitempty"`
	// Independence is the date of the country's independence, when a source gives it.
	Independence string `yaml:"independence,omitempty"`
	// UNESCOMemberSince is the date the country joined UNESCO, when a source gives it.
	UNESCOMemberSince string     `yaml:"unescoMemberSince,omitempty"`
	Cite              []Citation `yaml:"cite"`
}

// City is a city named by a source.
type City struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names   []Name     `yaml:"names,omitempty"`
	Country string     `yaml:"country"`
	Cite    []Citation `yaml:"cite"`
}

// Network is the global ASPnet or a national network within it.
type Network struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names []Name `yaml:"names,omitempty"`
	// Scope is GLOBAL or NATIONAL.
	Scope    string `yaml:"scope"`
	Launched string `yaml:"launched,omitempty"`
	// Country is required for a NATIONAL network.
	Country string `yaml:"country,omitempty"`
	// Parent is the network this one is part of.
	Parent       string     `yaml:"parent,omitempty"`
	OriginalName string     `yaml:"originalName,omitempty"`
	Objective    string     `yaml:"objective,omitempty"`
	Cite         []Citation `yaml:"cite"`
}

// GrowthFigure is a size of a network that a source published.
type GrowthFigure struct {
	ID      string `yaml:"id"`
	Network string `yaml:"network"`
	Date    string `yaml:"date"`
	// Schools, Countries and Candidates are the published counts; at least one is set.
	Schools    *int `yaml:"schools,omitempty"`
	Countries  *int `yaml:"countries,omitempty"`
	Candidates *int `yaml:"candidates,omitempty"`
	// SchoolsQualifier, CountriesQualifier and CandidatesQualifier say how the source
	// qualifies each count it gives: EXACT, AT_LEAST ("more than", "over") or ABOUT
	// ("about", "some", "around", "estimated"). Each count given needs its qualifier.
	SchoolsQualifier    string `yaml:"schoolsQualifier,omitempty"`
	CountriesQualifier  string `yaml:"countriesQualifier,omitempty"`
	CandidatesQualifier string `yaml:"candidatesQualifier,omitempty"`
	// Unit is what the countries count counts when the source names something else than
	// countries (for example "Member and Associated States").
	Unit string     `yaml:"unit,omitempty"`
	Cite []Citation `yaml:"cite"`
}

// Note is a statement a source makes about one or more entries that no other field holds,
// optionally dated (for example "teacher-training institutions joined from 1958").
type Note struct {
	ID    string     `yaml:"id"`
	About []string   `yaml:"about"`
	Date  string     `yaml:"date,omitempty"`
	Text  string     `yaml:"text"`
	Cite  []Citation `yaml:"cite"`
}

// KeyAreaPeriod says that a network worked in a key area in a period.
type KeyAreaPeriod struct {
	Network string `yaml:"network"`
	// Label names the period as its source does, for example "2014-2021 strategy".
	Label string     `yaml:"label"`
	From  string     `yaml:"from,omitempty"`
	To    string     `yaml:"to,omitempty"`
	Cite  []Citation `yaml:"cite,omitempty"`
}

// KeyArea is a thematic area of the network's work.
type KeyArea struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names        []Name          `yaml:"names,omitempty"`
	Abbreviation string          `yaml:"abbreviation,omitempty"`
	Periods      []KeyAreaPeriod `yaml:"periods,omitempty"`
	// MapsTo links this area to the later areas that continue its work.
	MapsTo []Link     `yaml:"mapsTo,omitempty"`
	Cite   []Citation `yaml:"cite"`
}

// DateClaim is one source's claim of a date.
type DateClaim struct {
	Date string     `yaml:"date"`
	Cite []Citation `yaml:"cite"`
}

// Organization is a body that runs or coordinates ASPnet work.
type Organization struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names []Name `yaml:"names,omitempty"`
	City  string `yaml:"city,omitempty"`
	// Founded holds every source's claim of the founding date; sources may disagree.
	Founded []DateClaim `yaml:"founded,omitempty"`
	// Covers lists the countries the organisation serves.
	Covers []Link `yaml:"covers,omitempty"`
	// PartOf is the organisation this one belongs to.
	PartOf []Link     `yaml:"partOf,omitempty"`
	Cite   []Citation `yaml:"cite"`
}

// Membership is a school's membership of a network.
type Membership struct {
	Network string `yaml:"network"`
	Since   string `yaml:"since,omitempty"`
	Until   string `yaml:"until,omitempty"`
	// Status is CANDIDATE, MEMBER or FORMER.
	Status string `yaml:"status"`
	// NationalTerm is the status as the national network names it.
	NationalTerm string     `yaml:"nationalTerm,omitempty"`
	Founding     bool       `yaml:"founding,omitempty"`
	Cite         []Citation `yaml:"cite,omitempty"`
}

// School is an ASPnet school.
type School struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names       []Name       `yaml:"names,omitempty"`
	City        string       `yaml:"city,omitempty"`
	Memberships []Membership `yaml:"memberships,omitempty"`
	KeyAreas    []Link       `yaml:"keyAreas,omitempty"`
	Cite        []Citation   `yaml:"cite"`
}

// Occasion is what an event celebrates or marks.
type Occasion struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names []Name `yaml:"names,omitempty"`
	Date  string `yaml:"date,omitempty"`
	// Recurs says when a day of observance recurs, for example "21 September".
	Recurs      string     `yaml:"recurs,omitempty"`
	Established string     `yaml:"established,omitempty"`
	Cite        []Citation `yaml:"cite"`
}

// OccasionLink ties an event to an occasion, saying how (for example "in celebration of").
type OccasionLink struct {
	ID       string     `yaml:"id"`
	Relation string     `yaml:"relation"`
	Cite     []Citation `yaml:"cite,omitempty"`
}

// Appeal is a statement made at an event.
type Appeal struct {
	ID   string     `yaml:"id"`
	Text string     `yaml:"text"`
	By   string     `yaml:"by,omitempty"`
	To   string     `yaml:"to,omitempty"`
	Cite []Citation `yaml:"cite"`
}

// Event is a festival, workshop, seminar or other event, or a part of one's programme.
type Event struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Names are every name the entry bears, the display name among them.
	Names []Name `yaml:"names,omitempty"`
	// Kind is the kind of event as its source names it (festival, workshop, concert, ...).
	Kind        string `yaml:"kind,omitempty"`
	Date        string `yaml:"date"`
	EndDate     string `yaml:"endDate,omitempty"`
	Description string `yaml:"description,omitempty"`
	Purpose     string `yaml:"purpose,omitempty"`
	Venue       string `yaml:"venue,omitempty"`
	City        string `yaml:"city,omitempty"`
	PartOf      string `yaml:"partOf,omitempty"`
	// Order is the position of an activity within its event's programme, from 1.
	Order                  int            `yaml:"order,omitempty"`
	Organizers             []Link         `yaml:"organizers,omitempty"`
	Occasions              []OccasionLink `yaml:"occasions,omitempty"`
	KeyAreas               []Link         `yaml:"keyAreas,omitempty"`
	ParticipatingCountries []Link         `yaml:"participatingCountries,omitempty"`
	ParticipatingNetworks  []Link         `yaml:"participatingNetworks,omitempty"`
	ParticipatingSchools   []Link         `yaml:"participatingSchools,omitempty"`
	Appeals                []Appeal       `yaml:"appeals,omitempty"`
	Cite                   []Citation     `yaml:"cite"`
}

// File is the shape of one data file: any of the sections, each a list of entries.
type File struct {
	Sources       []Source       `yaml:"sources,omitempty"`
	Countries     []Country      `yaml:"countries,omitempty"`
	Cities        []City         `yaml:"cities,omitempty"`
	Networks      []Network      `yaml:"networks,omitempty"`
	GrowthFigures []GrowthFigure `yaml:"growthFigures,omitempty"`
	Notes         []Note         `yaml:"notes,omitempty"`
	KeyAreas      []KeyArea      `yaml:"keyAreas,omitempty"`
	Organizations []Organization `yaml:"organizations,omitempty"`
	Schools       []School       `yaml:"schools,omitempty"`
	Occasions     []Occasion     `yaml:"occasions,omitempty"`
	Events        []Event        `yaml:"events,omitempty"`
}

// Dataset is every data file merged, validated and with inherited citations filled in.
//
// Every entry has a slug `id` that is unique across all files; references between entries use
// those slugs. Every entry carries `cite`, the citations of the facts it states; a link (an
// entry's relationship to another entry) may carry its own `cite`, and inherits the entry's
// when it has none.
type Dataset struct {
	File
}
