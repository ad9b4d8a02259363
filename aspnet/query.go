package aspnet

// Relation names a relationship that the API follows from an entity to a list of entities,
// such as a school's city or an event's organisers. Each is one batched store query.
type Relation string

// The relations the API follows. The first word names the kind of entity they start from.
const (
	RelNetworkCountry    Relation = "network_country"
	RelNetworkParent     Relation = "network_parent"
	RelNetworkChildren   Relation = "network_children"
	RelNetworkKeyAreas   Relation = "network_key_areas"
	RelNetworkNotes      Relation = "network_notes"
	RelCountryCities     Relation = "country_cities"
	RelCountryNetworks   Relation = "country_networks"
	RelCountryNotes      Relation = "country_notes"
	RelCityCountry       Relation = "city_country"
	RelSchoolCity        Relation = "school_city"
	RelSchoolKeyAreas    Relation = "school_key_areas"
	RelSchoolEvents      Relation = "school_events"
	RelKeyAreaMapsTo     Relation = "key_area_maps_to"
	RelKeyAreaMappedFrom Relation = "key_area_mapped_from"
	RelOrgCity           Relation = "org_city"
	RelOrgCovers         Relation = "org_covers"
	RelOrgPartOf         Relation = "org_part_of"
	RelOrgEvents         Relation = "org_events"
	RelOccasionEvents    Relation = "occasion_events"
	RelAppealEvent       Relation = "appeal_event"
	RelNoteAbout         Relation = "note_about"
	RelEventVenue        Relation = "event_venue"
	RelEventCity         Relation = "event_city"
	RelEventOrganizers   Relation = "event_organizers"
	RelEventOccasions    Relation = "event_occasions"
	RelEventActivities   Relation = "event_activities"
	RelEventPartOf       Relation = "event_part_of"
	RelEventKeyAreas     Relation = "event_key_areas"
	RelEventCountries    Relation = "event_countries"
	RelEventNetworks     Relation = "event_networks"
	RelEventAppeals      Relation = "event_appeals"
)

// SchoolCriteria selects schools; every condition set must hold. Keys are entity keys.
type SchoolCriteria struct {
	NetworkKey   *string
	KeyAreaKey   *string
	CityKey      *string
	CountryKey   *string
	Founding     *bool
	NameContains *string
	// FollowMappings widens KeyAreaKey to the areas it maps to, transitively.
	FollowMappings bool
	// KeyAreaBases keeps only the key-area links (WORKS_IN, MAPS_TO) of these bases; every
	// basis when empty.
	KeyAreaBases []Basis
	// AsOf keeps the members (not candidates) as of the end of the date: those HoldingOn
	// finds HeldCertainly there.
	AsOf *Date
	// AsOfUncertain, with AsOf, keeps instead the schools not certainly members then whose
	// membership the dates cannot place (HeldJoinedWithin or HeldLeftWithin).
	AsOfUncertain bool
}

// EventCriteria selects events; every condition set must hold. From and To are inclusive and
// respect precision: an event is kept when the days it covers meet the days from..to cover.
type EventCriteria struct {
	KeyAreaKey   *string
	OrganizerKey *string
	VenueKey     *string
	From         *Date
	To           *Date
	// FollowMappings widens KeyAreaKey to the areas it maps to, transitively.
	FollowMappings bool
	// KeyAreaBases keeps only the key-area links (IN_KEY_AREA, MAPS_TO) of these bases; every
	// basis when empty.
	KeyAreaBases []Basis
	// NewestFirst reverses the order: by date descending, then by name Z to A.
	NewestFirst bool
}

// PageOf asks for a page of the list that hangs off the entity with key Parent.
type PageOf struct {
	Parent string
	Page   Page
	// AsOf, for lists of memberships, keeps the members as of the end of the date.
	AsOf *Date
}

// Conn is a page of a list: its items with their cursors, and where the page stands.
type Conn[T any] struct {
	Items      []T
	Cursors    []string
	TotalCount int
	// Uncertain, for a list of memberships as of a date, counts those its dates cannot place
	// on it (see HoldingOn); they are not in the list.
	Uncertain int
	HasNext   bool
	HasPrev   bool
}
