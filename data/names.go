package data

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/aspgraph/aspgraph/aspnet"
)

// names checks the names an entry lists (one that lists none gets its display name from
// fillNames): the names of an entry whose display name is display: the display name must be
// among them, so that no entry bears a name without saying where it comes from; each name has
// a kind; a curators' label has no citation and every other name at least one; a citation's
// quote, when given, holds the name's words (each word of the name begins a word of the quote,
// case aside, so that "secondary school 8" is found in "secondary schools 8, 35"); and no name
// is given twice.
func (r *reader) names(e *entry, display string, ns []Name) {
	if len(ns) == 0 {
		return // fillNames gives the entry its display name, marked (see there)
	}
	found := false
	seen := map[string]bool{}
	for i, n := range ns {
		f := fmt.Sprintf("names %d", i+1)
		r.text(e, f+": value", n.Value)
		if n.Value == display {
			found = true
		}
		if seen[n.Value] {
			r.report(e, "%s: %q is given twice", f, n.Value)
		}
		seen[n.Value] = true
		kind := aspnet.NameKind(n.Kind)
		switch {
		case !kind.Valid():
			r.report(e, "%s: kind %q is not OFFICIAL, AS_CITED or CURATORS_LABEL", f, n.Kind)
			continue
		case kind == aspnet.NameCuratorsLabel:
			if len(n.Cite) > 0 {
				r.report(e, "%s: a CURATORS_LABEL is the curators' own: it cites no source", f)
			}
			continue
		}
		if len(n.Cite) == 0 {
			r.report(e, "%s: no citation (a name no source gives is a CURATORS_LABEL)", f)
		}
		for j, c := range n.Cite {
			cf := fmt.Sprintf("%s: cite %d", f, j+1)
			r.ref(e, cf+": source", c.Source, kSource, true)
			if c.Quote == "" {
				continue
			}
			if strings.TrimSpace(c.Quote) != c.Quote {
				r.report(e, "%s: quote has leading or trailing space", cf)
			}
			if !spells(c.Quote, n.Value) {
				r.report(e, "%s: the quote does not give the name %q", cf, n.Value)
			}
		}
	}
	if display != "" && !found {
		r.report(e, "names: the name %q is not among the names; list it with its source, or as a CURATORS_LABEL", display)
	}
}

// words splits s into lower-case runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// spells reports whether each word of name begins a word of quote.
func spells(quote, name string) bool {
	qs := words(quote)
	for _, w := range words(name) {
		ok := false
		for _, q := range qs {
			if strings.HasPrefix(q, w) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// fillNames gives an entry that lists no names its display name alone: AS_CITED, with the
// entry's citations whose quotes spell it, when there are any; otherwise a CURATORS_LABEL. So
// no entry bears a name without saying where the name comes from.
func fillNames(names *[]Name, display string, cites []Citation) {
	if len(*names) > 0 || display == "" {
		return
	}
	var spelt []Citation
	for _, c := range cites {
		if c.Quote != "" && spells(c.Quote, display) {
			spelt = append(spelt, c)
		}
	}
	if len(spelt) == 0 {
		*names = []Name{{Value: display, Kind: string(aspnet.NameCuratorsLabel)}}
		return
	}
	*names = []Name{{Value: display, Kind: string(aspnet.NameAsCited), Cite: spelt}}
}

// fillAllNames applies fillNames to every named entry.
func fillAllNames(d *Dataset) {
	for i := range d.Countries {
		x := &d.Countries[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.Cities {
		x := &d.Cities[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.Networks {
		x := &d.Networks[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.KeyAreas {
		x := &d.KeyAreas[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.Organizations {
		x := &d.Organizations[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.Schools {
		x := &d.Schools[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.Occasions {
		x := &d.Occasions[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
	for i := range d.Events {
		x := &d.Events[i]
		fillNames(&x.Names, x.Name, x.Cite)
	}
}
