package aspnet

import "time"

// Outcomes counts what a batch of import rows did.
type Outcomes struct {
	Created, Updated, Unchanged int
}

// Add adds x's counts to the receiver's.
func (o *Outcomes) Add(x Outcomes) {
	o.Created += x.Created
	o.Updated += x.Updated
	o.Unchanged += x.Unchanged
}

// Edit is who imports and when, recorded as editedBy and editedAt on what an import creates or
// changes.
type Edit struct {
	By string
	At time.Time
}

// ImportCite is one row's citation: the key of a Source and a quote ("" for none).
type ImportCite struct {
	Source, Quote string
}

// ImportPlace is a city in a country, by name, as a row names it.
type ImportPlace struct {
	City, Country string
	Cite          ImportCite
}

// ImportSchoolRow is a school row: a school named by name and city (CityKey "" for none),
// found by identity as the API's createSchool finds it or else made, and what the row adds.
type ImportSchoolRow struct {
	Name, CityKey string
	KeyAreaKeys   []string
	Cite          ImportCite
}

// ImportMembership is a membership row with its references resolved to keys. Nil or empty
// fields leave an existing membership's values as they are; a new one is a MEMBER, not
// founding, unless the row says otherwise.
type ImportMembership struct {
	// SchoolKey names an existing school; when it is empty, Name and CityKey name the school
	// as ImportSchoolRow does, made when missing with the row's citation.
	SchoolKey, Name, CityKey string
	NetworkKey               string
	Status                   MembershipStatus
	Since, Until             *Date
	Founding                 *bool
	NationalTerm             string
	Cite                     ImportCite
}

// ImportEvent is an event row with its references resolved to keys. Nil or empty fields
// leave an existing event's values as they are.
type ImportEvent struct {
	Name                               string
	Date                               Date
	EndDate                            *Date
	Kind, Description, Purpose         string
	CityKey, VenueKey                  string
	OrganizerKeys, KeyAreaKeys         []string
	SchoolKeys, NetworkKeys, Countries []string
	Cite                               ImportCite
}
