package aspnet

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// The bounds of a page.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page asks for a page of a list in its fixed order: at most First items after the item whose
// sort key is After (nil for the first page).
type Page struct {
	First int
	After []any
}

// NewPage checks the `first` and `after` arguments of a connection field and makes a Page.
// Errors are BAD_USER_INPUT and name the argument.
func NewPage(first *int, after *string) (Page, error) {
	p := Page{First: DefaultPageSize}
	if first != nil {
		if *first < 0 || *first > MaxPageSize {
			return Page{}, Errorf(CodeBadUserInput, "argument first: %d is out of range 0..%d", *first, MaxPageSize)
		}
		p.First = *first
	}
	if after != nil {
		key, err := DecodeCursor(*after)
		if err != nil {
			return Page{}, Errorf(CodeBadUserInput, "argument after: %q is not a valid cursor", *after)
		}
		p.After = key
	}
	return p, nil
}

// cursorVersion prefixes every cursor so that the format can change without old cursors
// being misread.
const cursorVersion = "c1:"

// EncodeCursor makes the opaque cursor of an item from its sort key: the values of the list's
// order, ending with the item's unique key.
func EncodeCursor(sortKey []any) string {
	b, err := json.Marshal(sortKey)
	if err != nil {
		// Sort keys are strings and numbers, which always marshal.
		panic(fmt.Sprintf("aspnet: cursor of %v: %v", sortKey, err))
	}
	return base64.RawURLEncoding.EncodeToString(append([]byte(cursorVersion), b...))
}

// DecodeCursor returns the sort key of a cursor made by EncodeCursor.
func DecodeCursor(c string) ([]any, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(raw) <= len(cursorVersion) || string(raw[:len(cursorVersion)]) != cursorVersion {
		return nil, fmt.Errorf("malformed cursor")
	}
	var key []any
	if err := json.Unmarshal(raw[len(cursorVersion):], &key); err != nil || len(key) == 0 {
		return nil, fmt.Errorf("malformed cursor")
	}
	for _, v := range key {
		switch v.(type) {
		case string, float64:
		default:
			return nil, fmt.Errorf("malformed cursor")
		}
	}
	return key, nil
}
