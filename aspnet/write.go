package aspnet

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Bounds on what a write may carry.
const (
	MaxNameLength  = 200
	MaxQuoteLength = 2000
)

// Provenance is what every write records on what it creates or changes: the source that
// states the facts (a Source's key, or a URL for which a Source is made), the quote, who made
// the change (the token's subject) and when.
type Provenance struct {
	// SourceKey is the key of an existing Source; empty when SourceURL is set.
	SourceKey string
	// SourceURL is an http(s) URL; its Source is found or made by the store.
	SourceURL string
	Quote     string
	EditedBy  string
	EditedAt  time.Time
}

// URLSourceKey is the key of the Source made for a URL: stable, so that citing one URL twice
// makes one Source.
func URLSourceKey(u string) string {
	sum := sha256.Sum256([]byte(u))
	return "src-url-" + hex.EncodeToString(sum[:])[:16]
}

// NewSchool is a validated school to create.
type NewSchool struct {
	Name        string
	CityName    string // empty: no city
	CountryName string // set exactly when CityName is
	NetworkKey  string // empty: no membership
	Since       *Date
	Status      MembershipStatus
	KeyAreaKeys []string
}

// SchoolChange is a validated change to a school; empty fields stay as they are.
type SchoolChange struct {
	Name        string
	CityName    string
	CountryName string
}

// Slug makes a key fragment of a name: lowercase letters and digits, runs of anything else
// as one hyphen (letters of any script are kept). It is never empty.
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// ValidName trims a name and checks it is neither empty nor longer than MaxNameLength.
func ValidName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", BadInput(field, "must not be empty")
	case utf8.RuneCountInString(name) > MaxNameLength:
		return "", BadInput(field, "is %d characters long; at most %d are allowed", utf8.RuneCountInString(name), MaxNameLength)
	}
	return name, nil
}

// ValidPast checks that a date does not lie in the future: its first day is not after now.
func ValidPast(field string, d Date, now time.Time) error {
	if d.Start().After(now) {
		return BadInput(field, "%s lies in the future", d)
	}
	return nil
}

// ValidProvenance checks a write's source and quote. The source is an http(s) URL or, when
// it is not one, the ID of a Source; the quote is optional and at most MaxQuoteLength long.
func ValidProvenance(sourceField, source, quoteField string, quote *string) (Provenance, error) {
	var p Provenance
	source = strings.TrimSpace(source)
	if source == "" {
		return p, BadInput(sourceField, "must be a URL or the ID of a Source")
	}
	if k, key, ok := DecodeID(source); ok {
		if k != KindSource {
			return p, BadInput(sourceField, "%q is the ID of a %s, not of a Source", source, k)
		}
		p.SourceKey = key
	} else {
		u, err := url.Parse(source)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return p, BadInput(sourceField, "%q is neither an http(s) URL nor the ID of a Source", source)
		}
		if len(source) > 2048 {
			return p, BadInput(sourceField, "the URL is longer than 2048 characters")
		}
		p.SourceURL = source
	}
	if quote != nil {
		q := strings.TrimSpace(*quote)
		if utf8.RuneCountInString(q) > MaxQuoteLength {
			return p, BadInput(quoteField, "is %d characters long; at most %d are allowed", utf8.RuneCountInString(q), MaxQuoteLength)
		}
		p.Quote = q
	}
	return p, nil
}

// ValidPlace checks an optional city and country name: both or neither, each a valid name.
func ValidPlace(cityField string, city *string, countryField string, country *string) (string, string, error) {
	if city == nil && country == nil {
		return "", "", nil
	}
	if city == nil {
		return "", "", BadInput(cityField, "is needed with %s", countryField)
	}
	if country == nil {
		return "", "", BadInput(countryField, "is needed with %s: a city is always in a country", cityField)
	}
	c, err := ValidName(cityField, *city)
	if err != nil {
		return "", "", err
	}
	k, err := ValidName(countryField, *country)
	if err != nil {
		return "", "", err
	}
	return c, k, nil
}

// Ref is a reference a write makes to an existing entity, with the field that names it
// (Error.Field), so that a reference to nothing is reported on that field.
type Ref struct {
	Field string
	NodeRef
}

// NewEvent is a validated event to create; empty strings and nil dates are absent.
type NewEvent struct {
	Name        string
	Kind        string
	Date        Date
	EndDate     *Date
	Description string
	Purpose     string
	// Links are the event's venue, city, organisers, participants, occasions and key areas.
	Links []EventLinkTo
}

// EventChange is a validated change to an event; nil fields stay as they are.
type EventChange struct {
	Name        *string
	Kind        *string
	Date        *Date
	EndDate     *Date
	Description *string
	Purpose     *string
}

// EventLink is what an event is linked to.
type EventLink string

// The links of an event.
const (
	LinkVenue       EventLink = "VENUE"
	LinkCity        EventLink = "CITY"
	LinkOrganizer   EventLink = "ORGANIZER"
	LinkParticipant EventLink = "PARTICIPANT"
	LinkOccasion    EventLink = "OCCASION"
	LinkKeyArea     EventLink = "KEY_AREA"
	LinkPartOf      EventLink = "PART_OF"
)

// EventLinkSpecs says, for each link of an event, the relationship type the graph holds it as
// and the kinds its target may be.
var EventLinkSpecs = map[EventLink]struct {
	Type    string
	Targets []Kind
	// Single is true when an event has at most one such link: a new one replaces the old.
	Single bool
}{
	LinkVenue:       {"HELD_AT", []Kind{KindSchool}, true},
	LinkCity:        {"IN_CITY", []Kind{KindCity}, true},
	LinkOrganizer:   {"ORGANIZED_BY", []Kind{KindOrganization}, false},
	LinkParticipant: {"PARTICIPANT", []Kind{KindSchool, KindNetwork, KindCountry}, false},
	LinkOccasion:    {"MARKS", []Kind{KindOccasion}, false},
	LinkKeyArea:     {"IN_KEY_AREA", []Kind{KindKeyArea}, false},
	LinkPartOf:      {"PART_OF", []Kind{KindEvent}, true},
}

// EventLinkTo is one link of an event: what the target is to it, the target, and (for an
// occasion) how the event relates to it, such as "dedicated to".
type EventLinkTo struct {
	Link     EventLink
	Target   Ref
	Relation string
}

// NewOrganization is a validated organisation to create; empty keys are absent.
type NewOrganization struct {
	Name       string
	CityKey    string
	PartOfKey  string
	CoversKeys []string
}

// OrganizationChange is a validated change to an organisation; empty fields stay as they are.
type OrganizationChange struct {
	Name    string
	CityKey string
}

// NewKeyArea is a validated key area to create.
type NewKeyArea struct {
	Name         string
	Abbreviation string
	// MappedFromKeys are the earlier key areas that map to this one.
	MappedFromKeys []string
}

// KeyAreaChange is a validated change to a key area; nil fields stay as they are.
type KeyAreaChange struct {
	Name         *string
	Abbreviation *string
}

// Join is a validated joining of a network, or change of a current membership's standing.
type Join struct {
	SchoolKey    string
	NetworkKey   string
	Since        *Date
	Status       MembershipStatus
	NationalTerm string
}

// Leave is a validated end of a school's current membership of a network.
type Leave struct {
	SchoolKey  string
	NetworkKey string
	Until      Date
}

// NewSource is a validated Source to create; empty strings are absent.
type NewSource struct {
	Title     string
	URL       string
	Publisher string
	Published *Date
	Note      string
}

// MaxTextLength bounds free texts a write carries: descriptions, purposes, notes.
const MaxTextLength = 5000

// ValidText trims an optional free text and checks its length; "" when absent or blank.
func ValidText(field string, text *string, limit int) (string, error) {
	if text == nil {
		return "", nil
	}
	t := strings.TrimSpace(*text)
	if n := utf8.RuneCountInString(t); n > limit {
		return "", BadInput(field, "is %d characters long; at most %d are allowed", n, limit)
	}
	return t, nil
}

// ValidURL checks an http(s) URL of at most 2048 characters.
func ValidURL(field, u string) (string, error) {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", BadInput(field, "%q is not an http(s) URL", u)
	}
	if len(u) > 2048 {
		return "", BadInput(field, "the URL is longer than 2048 characters")
	}
	return u, nil
}

// ValidSpan checks that a span's end does not lie before its start: the last day end covers
// is not before the first day start covers, so "2016" ends no earlier than "2016-09-24".
func ValidSpan(endField string, start, end Date) error {
	if end.End().Before(start.Start()) {
		return BadInput(endField, "%s is before the start, %s", end, start)
	}
	return nil
}
