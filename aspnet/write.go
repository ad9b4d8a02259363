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

// BadInput is the BAD_USER_INPUT error of one argument field, such as input.networkId,
// named as the API names it.
func BadInput(field, format string, args ...any) *Error {
	e := Errorf(CodeBadUserInput, format, args...)
	e.Message = "argument " + field + ": " + e.Message
	return e
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
