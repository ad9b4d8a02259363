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
// sort key is After (nil: from the start) and before the one whose sort key is Before (nil: to
// the end). Backward takes the First items nearest Before (the `last` argument) rather than
// those nearest After; the items still come in the list's order.
type Page struct {
	First    int
	After    []any
	Before   []any
	Backward bool
}

// PageArgs are the arguments of a connection field. First is nil when the request did not give
// it (its declared default then applies unless Last is given).
type PageArgs struct {
	First  *int
	After  *string
	Last   *int
	Before *string
}

// NewPage checks the `first` and `after` arguments of a connection field and makes a Page.
// Errors are BAD_USER_INPUT and name the argument.
func NewPage(first *int, after *string) (Page, error) {
	return NewPageOf(PageArgs{First: first, After: after})
}

// NewPageOf checks the arguments of a connection field and makes a Page: `first` items after
// `after`, or the `last` items before `before`; an empty cursor is no bound (`after: ""` is the
// start of the list). Giving both first and last is refused. Errors are BAD_USER_INPUT and name
// the argument.
func NewPageOf(a PageArgs) (Page, error) {
	p := Page{First: DefaultPageSize}
	if a.First != nil && a.Last != nil {
		return Page{}, Errorf(CodeBadUserInput, "arguments first and last: give one of them, not both")
	}
	count, name := a.First, "first"
	if a.Last != nil {
		count, name, p.Backward = a.Last, "last", true
	}
	if count != nil {
		if *count < 0 || *count > MaxPageSize {
			return Page{}, Errorf(CodeBadUserInput, "argument %s: %d is out of range 0..%d", name, *count, MaxPageSize)
		}
		p.First = *count
	}
	var err error
	if p.After, err = cursorArg("after", a.After); err != nil {
		return Page{}, err
	}
	if p.Before, err = cursorArg("before", a.Before); err != nil {
		return Page{}, err
	}
	return p, nil
}

// cursorArg decodes a cursor argument; nil or "" is no bound.
func cursorArg(name string, c *string) ([]any, error) {
	if c == nil || *c == "" {
		return nil, nil
	}
	key, err := DecodeCursor(*c)
	if err != nil {
		return nil, Errorf(CodeBadUserInput, "argument %s: %q is not a valid cursor", name, *c)
	}
	return key, nil
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
