package graph

import (
	"strings"
	"unicode/utf8"

	"github.com/aspgraph/aspgraph/aspnet"
)

// The bounds of the research fields' arguments.
const (
	searchDefault     = 20
	searchMax         = 100
	searchMaxChars    = 1000 // the terms are bounded apart (aspnet.MaxSearchTerms)
	maxHopsDefault    = 6
	maxHopsMax        = 10
	depthDefault      = 1
	depthMax          = 3
	neighborhoodLimit = 500
	schoolEventsMax   = 1000 // School.events(first:); absent, every event
)

// bounded returns an optional integer argument, or def when it is absent, checking that it
// lies in lo..hi. Errors are BAD_USER_INPUT and name the argument.
func bounded(arg string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, aspnet.Errorf(aspnet.CodeBadUserInput, "argument %s: %d is out of range %d..%d", arg, *v, lo, hi)
	}
	return *v, nil
}

// nodeRef decodes the ID of any kind of entity given as argument arg. A malformed ID is
// BAD_USER_INPUT naming the argument; whether an entity has the ID is the store's to say.
func nodeRef(arg, id string) (aspnet.NodeRef, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok {
		return aspnet.NodeRef{}, aspnet.Errorf(aspnet.CodeBadUserInput, "argument %s: %q is not a node ID", arg, id)
	}
	return aspnet.NodeRef{Kind: kind, Key: key}, nil
}

// searchText checks the text of a search: not blank, and not too long.
func searchText(text string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", aspnet.Errorf(aspnet.CodeBadUserInput, "argument text: it is blank; give the words to search for")
	}
	if n := utf8.RuneCountInString(text); n > searchMaxChars {
		return "", aspnet.Errorf(aspnet.CodeBadUserInput, "argument text: %d characters, more than the %d allowed", n, searchMaxChars)
	}
	return text, nil
}

// statSort returns the order asked of keyAreaStats, by name when none is given.
func statSort(sortBy *aspnet.KeyAreaStatSort, descending *bool) (aspnet.KeyAreaStatSort, bool) {
	s := aspnet.KeyAreaStatSortName
	if sortBy != nil {
		s = *sortBy
	}
	return s, descending != nil && *descending
}
