package data

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// ValidationError lists every problem found in the data files. Each problem names the file
// (with the YAML line of the entry, where known) and the entry it is about.
type ValidationError struct {
	Problems []string
}

// Error returns the problems, one a line.
func (e *ValidationError) Error() string {
	return strings.Join(e.Problems, "\n")
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Read reads every *.yaml file in the root of fsys in name order, decodes each strictly
// (an unknown field is an error), merges them, validates every entry and fills in inherited
// citations: a link, membership, key-area period or occasion link without `cite` takes its
// entry's; an entry that lists no names gets its display name, marked as fillNames says. All problems are returned together as a *ValidationError.
func Read(fsys fs.FS) (*Dataset, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	r := &reader{ids: map[string]*entry{}}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			r.problem(name, 0, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		r.decode(name, data)
	}
	r.index()
	r.validate()
	if len(r.problems) > 0 {
		return nil, &ValidationError{Problems: r.sortedProblems()}
	}
	fillCitations(&r.ds)
	fillAllNames(&r.ds)
	return &r.ds, nil
}

// kind is the kind of an entry, as messages name it.
type kind string

const (
	kSource       kind = "source"
	kCountry      kind = "country"
	kCity         kind = "city"
	kNetwork      kind = "network"
	kGrowthFigure kind = "growth figure"
	kNote         kind = "note"
	kKeyArea      kind = "key area"
	kOrganization kind = "organization"
	kSchool       kind = "school"
	kOccasion     kind = "occasion"
	kEvent        kind = "event"
	kAppeal       kind = "appeal"
)

func (k kind) withArticle() string {
	if k != "" && strings.ContainsRune("aeiou", rune(k[0])) {
		return "an " + string(k)
	}
	return "a " + string(k)
}

// sectionKinds maps each section of a data file to the kind of its entries.
var sectionKinds = map[string]kind{
	"sources": kSource, "countries": kCountry, "cities": kCity, "networks": kNetwork,
	"growthFigures": kGrowthFigure, "notes": kNote, "keyAreas": kKeyArea,
	"organizations": kOrganization, "schools": kSchool, "occasions": kOccasion, "events": kEvent,
}

// entry is where an entry was defined, for messages.
type entry struct {
	kind  kind
	id    string
	file  string
	line  int
	index int // 1-based position in its section, for entries without an id
	label string
}

func (e *entry) String() string {
	loc := e.file
	if e.line > 0 {
		loc = fmt.Sprintf("%s:%d", e.file, e.line)
	}
	return loc + ": " + e.label
}

type reader struct {
	ds       Dataset
	problems []problem
	ids      map[string]*entry
	// the entries of each section of ds, in the same order
	sources, countries, cities, networks, growth, notes, keyAreas, orgs, schools, occasions,
	events []*entry
	// appeals[i][j] is the entry of ds.Events[i].Appeals[j]
	appeals [][]*entry
}

// problem is one line of a ValidationError, with where it is, for sorting.
type problem struct {
	file string
	line int
	text string
}

// problem adds a problem found in file at line (0 if unknown).
func (r *reader) problem(file string, line int, text string) {
	r.problems = append(r.problems, problem{file, line, text})
}

// report adds a problem about entry e.
func (r *reader) report(e *entry, format string, args ...any) {
	r.problem(e.file, e.line, e.String()+": "+fmt.Sprintf(format, args...))
}

// sortedProblems returns the problems in file-name order, then line order, keeping the order
// in which they were found otherwise.
func (r *reader) sortedProblems() []string {
	slices.SortStableFunc(r.problems, func(a, b problem) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return a.line - b.line
	})
	out := make([]string, len(r.problems))
	for i, p := range r.problems {
		out[i] = p.text
	}
	return out
}

// itemInfo is what the YAML tree says of one entry: its line and its id.
type itemInfo struct {
	line int
	id   string
}

// decode decodes one file strictly and appends its entries.
func (r *reader) decode(name string, data []byte) {
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		// A duplicate key is found by the parser; parse again, allowing it, to name the entry.
		var lines map[string][]itemInfo
		if t, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey()); err == nil {
			lines = entryLines(t)
		}
		line, text := yamlProblem(name, err, lines)
		r.problem(name, line, text)
		return
	}
	lines := entryLines(tree)
	var f File
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		line, text := yamlProblem(name, err, lines)
		r.problem(name, line, text)
		return
	}
	add := func(k kind, section string, n int) []*entry {
		out := make([]*entry, n)
		for i := range n {
			e := &entry{kind: k, file: name, index: i + 1}
			if infos := lines[section]; i < len(infos) {
				e.line = infos[i].line
			}
			out[i] = e
		}
		return out
	}
	r.sources = append(r.sources, add(kSource, "sources", len(f.Sources))...)
	r.countries = append(r.countries, add(kCountry, "countries", len(f.Countries))...)
	r.cities = append(r.cities, add(kCity, "cities", len(f.Cities))...)
	r.networks = append(r.networks, add(kNetwork, "networks", len(f.Networks))...)
	r.growth = append(r.growth, add(kGrowthFigure, "growthFigures", len(f.GrowthFigures))...)
	r.notes = append(r.notes, add(kNote, "notes", len(f.Notes))...)
	r.keyAreas = append(r.keyAreas, add(kKeyArea, "keyAreas", len(f.KeyAreas))...)
	r.orgs = append(r.orgs, add(kOrganization, "organizations", len(f.Organizations))...)
	r.schools = append(r.schools, add(kSchool, "schools", len(f.Schools))...)
	r.occasions = append(r.occasions, add(kOccasion, "occasions", len(f.Occasions))...)
	events := add(kEvent, "events", len(f.Events))
	r.events = append(r.events, events...)
	for i, ev := range f.Events {
		aps := make([]*entry, len(ev.Appeals))
		for j := range ev.Appeals {
			aps[j] = &entry{kind: kAppeal, file: name, line: events[i].line, index: j + 1}
		}
		r.appeals = append(r.appeals, aps)
	}
	r.ds.Sources = append(r.ds.Sources, f.Sources...)
	r.ds.Countries = append(r.ds.Countries, f.Countries...)
	r.ds.Cities = append(r.ds.Cities, f.Cities...)
	r.ds.Networks = append(r.ds.Networks, f.Networks...)
	r.ds.GrowthFigures = append(r.ds.GrowthFigures, f.GrowthFigures...)
	r.ds.Notes = append(r.ds.Notes, f.Notes...)
	r.ds.KeyAreas = append(r.ds.KeyAreas, f.KeyAreas...)
	r.ds.Organizations = append(r.ds.Organizations, f.Organizations...)
	r.ds.Schools = append(r.ds.Schools, f.Schools...)
	r.ds.Occasions = append(r.ds.Occasions, f.Occasions...)
	r.ds.Events = append(r.ds.Events, f.Events...)
}

// entryLines maps each section of a parsed file to the line and id of each of its entries.
func entryLines(tree *ast.File) map[string][]itemInfo {
	out := map[string][]itemInfo{}
	for _, doc := range tree.Docs {
		m, ok := doc.Body.(ast.MapNode)
		if !ok {
			continue
		}
		for it := m.MapRange(); it.Next(); {
			seq, ok := it.Value().(*ast.SequenceNode)
			if !ok {
				continue
			}
			section := it.Key().GetToken().Value
			for _, v := range seq.Values {
				info := itemInfo{line: v.GetToken().Position.Line}
				if vm, ok := v.(ast.MapNode); ok {
					for f := vm.MapRange(); f.Next(); {
						if f.Key().GetToken().Value == "id" {
							info.id = f.Value().GetToken().Value
						}
					}
				}
				out[section] = append(out[section], info)
			}
		}
	}
	return out
}

// yamlProblem turns a YAML syntax or decoding error into one line naming the file, the line
// and, when the error lies inside an entry, the entry. It returns the line (0 if unknown) and
// the text.
func yamlProblem(name string, err error, lines map[string][]itemInfo) (int, string) {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil {
		return 0, fmt.Sprintf("%s: %v", name, strings.SplitN(err.Error(), "\n", 2)[0])
	}
	line := ye.GetToken().Position.Line
	// The entry is the last one, in any section, that starts at or before the error's line.
	var label string
	best := 0
	for section, infos := range lines {
		for i, info := range infos {
			if info.line <= line && info.line > best {
				best = info.line
				e := entry{kind: sectionKinds[section], id: info.id, index: i + 1}
				label = entryLabel(&e)
			}
		}
	}
	if label == "" {
		return line, fmt.Sprintf("%s:%d: %s", name, line, ye.GetMessage())
	}
	return line, fmt.Sprintf("%s:%d: %s: %s", name, line, label, ye.GetMessage())
}

func entryLabel(e *entry) string {
	k := e.kind
	if k == "" {
		k = "entry"
	}
	if e.id == "" {
		return fmt.Sprintf("%s #%d", k, e.index)
	}
	return fmt.Sprintf("%s %q", k, e.id)
}

// index labels every entry and registers its id, reporting bad and duplicate ids. Entries are
// registered in file-name order, then line order, so a duplicate is reported where it repeats.
func (r *reader) index() {
	var all []*entry
	label := func(es []*entry, id func(i int) string) {
		for i, e := range es {
			e.id = id(i)
			e.label = entryLabel(e)
			all = append(all, e)
		}
	}
	d := &r.ds
	label(r.sources, func(i int) string { return d.Sources[i].ID })
	label(r.countries, func(i int) string { return d.Countries[i].ID })
	label(r.cities, func(i int) string { return d.Cities[i].ID })
	label(r.networks, func(i int) string { return d.Networks[i].ID })
	label(r.growth, func(i int) string { return d.GrowthFigures[i].ID })
	label(r.notes, func(i int) string { return d.Notes[i].ID })
	label(r.keyAreas, func(i int) string { return d.KeyAreas[i].ID })
	label(r.orgs, func(i int) string { return d.Organizations[i].ID })
	label(r.schools, func(i int) string { return d.Schools[i].ID })
	label(r.occasions, func(i int) string { return d.Occasions[i].ID })
	label(r.events, func(i int) string { return d.Events[i].ID })
	for i, ev := range d.Events {
		for j, a := range r.appeals[i] {
			a.id = ev.Appeals[j].ID
			// An appeal is reported within its event.
			a.label = r.events[i].label + ": " + entryLabel(a)
			all = append(all, a)
		}
	}
	slices.SortStableFunc(all, func(a, b *entry) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return a.line - b.line
	})
	for _, e := range all {
		switch {
		case e.id == "":
			r.report(e, "id is missing")
			continue
		case !slugRE.MatchString(e.id):
			r.report(e, "id %q is not a lower-case slug (%s)", e.id, slugRE)
		}
		if prev, ok := r.ids[e.id]; ok {
			where := prev.file
			if prev.line > 0 {
				where = fmt.Sprintf("%s:%d", prev.file, prev.line)
			}
			r.report(e, "id %q is already used by %s at %s", e.id, prev.kind.withArticle(), where)
			continue
		}
		r.ids[e.id] = e
	}
}

// text checks that a required text is present and has no surrounding space.
func (r *reader) text(e *entry, field, s string) {
	switch {
	case s == "":
		r.report(e, "%s is missing", field)
	case strings.TrimSpace(s) != s:
		r.report(e, "%s %q has leading or trailing space", field, s)
	}
}

// date parses a date and checks it is not in the future. An empty date is reported only if
// required.
func (r *reader) date(e *entry, field, s string, required bool) (aspnet.Date, bool) {
	return r.parseDate(e, field, s, required, false)
}

// parseDate parses a date; future says whether it may lie in the future.
func (r *reader) parseDate(e *entry, field, s string, required, future bool) (aspnet.Date, bool) {
	if s == "" {
		if required {
			r.report(e, "%s is missing", field)
		}
		return aspnet.Date{}, false
	}
	d, err := aspnet.ParseDate(s)
	if err != nil {
		// aspnet.ParseDate's messages start by naming the date, which the field name already does.
		msg := strings.TrimLeft(strings.TrimPrefix(err.Error(), fmt.Sprintf("date %q", s)), ": ")
		r.report(e, "%s %q: %s", field, s, msg)
		return aspnet.Date{}, false
	}
	y, m, day := time.Now().UTC().Date()
	if today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC); !future && d.Start().After(today) {
		r.report(e, "%s %q is in the future", field, s)
		return aspnet.Date{}, false
	}
	return d, true
}

// order checks that the date named late does not end before the date named early begins.
func (r *reader) order(e *entry, early, late string, a, b aspnet.Date, okA, okB bool) {
	if okA && okB && b.End().Before(a.Start()) {
		r.report(e, "%s %q is before %s %q", late, b, early, a)
	}
}

// ref checks that id names an entry of kind want. An empty id is reported only if required.
func (r *reader) ref(e *entry, field, id string, want kind, required bool) bool {
	if id == "" {
		if required {
			r.report(e, "%s is missing", field)
		}
		return false
	}
	got, ok := r.ids[id]
	switch {
	case !ok:
		r.report(e, "%s %q: no such %s", field, id, want)
		return false
	case got.kind != want:
		r.report(e, "%s %q: is %s, not %s", field, id, got.kind.withArticle(), want.withArticle())
		return false
	}
	return true
}

// cites checks citations; required says whether at least one must be given.
func (r *reader) cites(e *entry, field string, cs []Citation, required bool) {
	if len(cs) == 0 {
		if required {
			r.report(e, "%s: no citation", field)
		}
		return
	}
	for i, c := range cs {
		f := fmt.Sprintf("%s %d", field, i+1)
		r.ref(e, f+": source", c.Source, kSource, true)
		for _, t := range []struct{ name, s string }{{"quote", c.Quote}, {"summary", c.Summary}, {"rule", c.Rule}} {
			if strings.TrimSpace(t.s) != t.s {
				r.report(e, "%s: %s has leading or trailing space", f, t.name)
			}
		}
	}
}

// links checks a list of links to entries of kind want, and their own citations.
func (r *reader) links(e *entry, field string, ls []Link, want kind) {
	for i, l := range ls {
		f := fmt.Sprintf("%s %d", field, i+1)
		r.ref(e, f, l.ID, want, true)
		switch l.Basis {
		case "":
			if l.Reasoning != "" {
				r.report(e, "%s: reasoning is for an EDITORIAL link; give basis: EDITORIAL", f)
			}
		case string(aspnet.BasisEditorial):
			if strings.TrimSpace(l.Reasoning) == "" {
				r.report(e, "%s: an EDITORIAL link needs its reasoning", f)
			}
			if len(l.Cite) > 0 {
				r.report(e, "%s: an EDITORIAL link is credited to no source; give the sources in its reasoning, or cite them and drop basis", f)
			}
		default:
			r.report(e, "%s: basis %q is not EDITORIAL (STATED and DERIVED come from the citations)", f, l.Basis)
		}
		r.cites(e, f+": cite", l.Cite, false)
	}
}

func (r *reader) validate() {
	d := &r.ds
	for i, s := range d.Sources {
		e := r.sources[i]
		r.text(e, "title", s.Title)
		r.date(e, "published", s.Published, false)
	}
	for i, c := range d.Countries {
		e := r.countries[i]
		r.text(e, "name", c.Name)
		r.names(e, c.Name, c.Names)
		r.date(e, "independence", c.Independence, false)
		r.date(e, "unescoMemberSince", c.UNESCOMemberSince, false)
		r.cites(e, "cite", c.Cite, true)
	}
	for i, c := range d.Cities {
		e := r.cities[i]
		r.text(e, "name", c.Name)
		r.names(e, c.Name, c.Names)
		r.ref(e, "country", c.Country, kCountry, true)
		r.cites(e, "cite", c.Cite, true)
	}
	for i, n := range d.Networks {
		e := r.networks[i]
		r.text(e, "name", n.Name)
		r.names(e, n.Name, n.Names)
		switch n.Scope {
		case "GLOBAL":
		case "NATIONAL":
			if n.Country == "" {
				r.report(e, "a NATIONAL network needs a country")
			}
		default:
			r.report(e, "scope %q is not GLOBAL or NATIONAL", n.Scope)
		}
		r.date(e, "launched", n.Launched, false)
		r.ref(e, "country", n.Country, kCountry, false)
		if r.ref(e, "parent", n.Parent, kNetwork, false) && n.Parent == n.ID {
			r.report(e, "parent %q is the network itself", n.Parent)
		}
		r.cites(e, "cite", n.Cite, true)
	}
	r.cycles(func(yield func(id string, next []string, e *entry)) {
		for i, n := range d.Networks {
			if n.Parent != n.ID {
				yield(n.ID, []string{n.Parent}, r.networks[i])
			}
		}
	}, "parent chain")
	for i, g := range d.GrowthFigures {
		e := r.growth[i]
		r.ref(e, "network", g.Network, kNetwork, true)
		r.date(e, "date", g.Date, true)
		if g.Schools == nil && g.Countries == nil && g.Candidates == nil {
			r.report(e, "no count: give schools, countries or candidates")
		}
		for _, c := range []struct {
			name string
			n    *int
		}{{"schools", g.Schools}, {"countries", g.Countries}, {"candidates", g.Candidates}} {
			if c.n != nil && *c.n < 0 {
				r.report(e, "%s %d is negative", c.name, *c.n)
			}
		}
		for _, q := range []struct {
			name string
			n    *int
			q    string
		}{{"schools", g.Schools, g.SchoolsQualifier}, {"countries", g.Countries, g.CountriesQualifier}, {"candidates", g.Candidates, g.CandidatesQualifier}} {
			switch {
			case q.n == nil && q.q != "":
				r.report(e, "%sQualifier %q without %s", q.name, q.q, q.name)
			case q.n != nil && q.q == "":
				r.report(e, "%sQualifier is missing: EXACT, AT_LEAST or ABOUT, as the source qualifies the count", q.name)
			case q.n != nil && !aspnet.Qualifier(q.q).Valid():
				r.report(e, "%sQualifier %q is not EXACT, AT_LEAST or ABOUT", q.name, q.q)
			}
		}
		r.cites(e, "cite", g.Cite, true)
	}
	for i, n := range d.Notes {
		e := r.notes[i]
		r.text(e, "text", n.Text)
		r.date(e, "date", n.Date, false)
		if len(n.About) == 0 {
			r.report(e, "about is empty")
		}
		for j, id := range n.About {
			f := fmt.Sprintf("about %d", j+1)
			switch got, ok := r.ids[id]; {
			case id == "":
				r.report(e, "%s is missing", f)
			case !ok:
				r.report(e, "%s %q: no such entry", f, id)
			case got.kind == kGrowthFigure:
				r.report(e, "%s %q: is a growth figure, which a note cannot be about", f, id)
			}
		}
		r.cites(e, "cite", n.Cite, true)
	}
	for i, k := range d.KeyAreas {
		e := r.keyAreas[i]
		r.text(e, "name", k.Name)
		r.names(e, k.Name, k.Names)
		for j, p := range k.Periods {
			f := fmt.Sprintf("period %d", j+1)
			r.ref(e, f+": network", p.Network, kNetwork, true)
			r.text(e, f+": label", p.Label)
			from, okF := r.date(e, f+": from", p.From, false)
			// A framework's period may be published before it ends ("2025-2029"), so its
			// last year alone may lie in the future.
			to, okT := r.parseDate(e, f+": to", p.To, false, true)
			r.order(e, f+": from", f+": to", from, to, okF, okT)
			r.cites(e, f+": cite", p.Cite, false)
		}
		r.links(e, "mapsTo", k.MapsTo, kKeyArea)
		r.cites(e, "cite", k.Cite, true)
	}
	for i, o := range d.Organizations {
		e := r.orgs[i]
		r.text(e, "name", o.Name)
		r.names(e, o.Name, o.Names)
		r.ref(e, "city", o.City, kCity, false)
		for j, c := range o.Founded {
			f := fmt.Sprintf("founded %d", j+1)
			r.date(e, f+": date", c.Date, true)
			r.cites(e, f+": cite", c.Cite, true)
		}
		r.links(e, "covers", o.Covers, kCountry)
		r.links(e, "partOf", o.PartOf, kOrganization)
		if len(o.PartOf) > 1 {
			r.report(e, "partOf names %d organizations; an organization is part of at most one", len(o.PartOf))
		}
		r.cites(e, "cite", o.Cite, true)
	}
	r.cycles(func(yield func(id string, next []string, e *entry)) {
		for i, o := range d.Organizations {
			var next []string
			for _, l := range o.PartOf {
				next = append(next, l.ID)
			}
			yield(o.ID, next, r.orgs[i])
		}
	}, "partOf chain")
	for i, s := range d.Schools {
		e := r.schools[i]
		r.text(e, "name", s.Name)
		r.names(e, s.Name, s.Names)
		r.ref(e, "city", s.City, kCity, false)
		for j, m := range s.Memberships {
			f := fmt.Sprintf("membership %d", j+1)
			r.ref(e, f+": network", m.Network, kNetwork, true)
			since, okS := r.date(e, f+": since", m.Since, false)
			until, okU := r.date(e, f+": until", m.Until, false)
			r.order(e, f+": since", f+": until", since, until, okS, okU)
			switch m.Status {
			case "CANDIDATE", "MEMBER":
			case "FORMER":
				if m.Until == "" {
					r.report(e, "%s: a FORMER membership needs an until date", f)
				}
			default:
				r.report(e, "%s: status %q is not CANDIDATE, MEMBER or FORMER", f, m.Status)
			}
			r.cites(e, f+": cite", m.Cite, false)
		}
		r.links(e, "keyAreas", s.KeyAreas, kKeyArea)
		r.cites(e, "cite", s.Cite, true)
	}
	for i, o := range d.Occasions {
		e := r.occasions[i]
		r.text(e, "name", o.Name)
		r.names(e, o.Name, o.Names)
		r.date(e, "date", o.Date, false)
		r.date(e, "established", o.Established, false)
		r.cites(e, "cite", o.Cite, true)
	}
	for i, ev := range d.Events {
		e := r.events[i]
		r.text(e, "name", ev.Name)
		r.names(e, ev.Name, ev.Names)
		start, okS := r.date(e, "date", ev.Date, true)
		end, okE := r.date(e, "endDate", ev.EndDate, false)
		r.order(e, "date", "endDate", start, end, okS, okE)
		r.ref(e, "venue", ev.Venue, kSchool, false)
		r.ref(e, "city", ev.City, kCity, false)
		if ev.PartOf != "" && ev.PartOf == ev.ID {
			r.report(e, "partOf %q is the event itself", ev.PartOf)
		} else {
			r.ref(e, "partOf", ev.PartOf, kEvent, false)
		}
		if ev.Order < 0 {
			r.report(e, "order %d is negative", ev.Order)
		}
		r.links(e, "organizers", ev.Organizers, kOrganization)
		for j, o := range ev.Occasions {
			f := fmt.Sprintf("occasions %d", j+1)
			r.ref(e, f, o.ID, kOccasion, true)
			r.text(e, f+": relation", o.Relation)
			r.cites(e, f+": cite", o.Cite, false)
		}
		r.links(e, "keyAreas", ev.KeyAreas, kKeyArea)
		r.links(e, "participatingCountries", ev.ParticipatingCountries, kCountry)
		r.links(e, "participatingNetworks", ev.ParticipatingNetworks, kNetwork)
		r.links(e, "participatingSchools", ev.ParticipatingSchools, kSchool)
		for j, a := range ev.Appeals {
			ae := r.appeals[i][j]
			r.text(ae, "text", a.Text)
			r.cites(ae, "cite", a.Cite, true)
		}
		r.cites(e, "cite", ev.Cite, true)
	}
	r.cycles(func(yield func(id string, next []string, e *entry)) {
		for i, ev := range d.Events {
			if ev.PartOf != "" && ev.PartOf != ev.ID {
				yield(ev.ID, []string{ev.PartOf}, r.events[i])
			}
		}
	}, "partOf chain")
}

// cycles reports every entry from which a chain of references (parent, partOf) leads back to
// the entry itself. edges yields each entry's id, the ids it refers to, and the entry.
func (r *reader) cycles(edges func(yield func(id string, next []string, e *entry)), what string) {
	graph := map[string][]string{}
	var order []string
	where := map[string]*entry{}
	edges(func(id string, next []string, e *entry) {
		if id == "" {
			return
		}
		if _, seen := graph[id]; !seen {
			order = append(order, id)
			where[id] = e
		}
		graph[id] = append(graph[id], next...)
	})
	for _, start := range order {
		// Depth-first search for a path from start back to start.
		var path []string
		seen := map[string]bool{}
		var walk func(id string) bool
		walk = func(id string) bool {
			for _, n := range graph[id] {
				if n == start {
					path = append(path, n)
					return true
				}
				if seen[n] {
					continue
				}
				seen[n] = true
				path = append(path, n)
				if walk(n) {
					return true
				}
				path = path[:len(path)-1]
			}
			return false
		}
		if walk(start) {
			r.report(where[start], "%s loops: %s", what, strings.Join(append([]string{start}, path...), " → "))
		}
	}
}

// fillCitations gives every link, membership, key-area period and occasion link without
// citations (but an EDITORIAL link) its entry's citations of the whole entry.
func fillCitations(d *Dataset) {
	// A link inherits the citations of its whole entry: not those that support one property
	// of it (a date's rule, a venue's sentence), unless the entry has no other.
	inherit := func(own *[]Citation, entry []Citation) {
		if len(*own) > 0 {
			return
		}
		for _, c := range entry {
			if c.Property == "" {
				*own = append(*own, c)
			}
		}
		if len(*own) == 0 {
			*own = slices.Clone(entry)
		}
	}
	links := func(ls []Link, entry []Citation) {
		for i := range ls {
			if ls[i].Basis != string(aspnet.BasisEditorial) {
				inherit(&ls[i].Cite, entry)
			}
		}
	}
	for i := range d.KeyAreas {
		k := &d.KeyAreas[i]
		for j := range k.Periods {
			inherit(&k.Periods[j].Cite, k.Cite)
		}
		links(k.MapsTo, k.Cite)
	}
	for i := range d.Organizations {
		o := &d.Organizations[i]
		links(o.Covers, o.Cite)
		links(o.PartOf, o.Cite)
	}
	for i := range d.Schools {
		s := &d.Schools[i]
		for j := range s.Memberships {
			inherit(&s.Memberships[j].Cite, s.Cite)
		}
		links(s.KeyAreas, s.Cite)
	}
	for i := range d.Events {
		ev := &d.Events[i]
		links(ev.Organizers, ev.Cite)
		for j := range ev.Occasions {
			inherit(&ev.Occasions[j].Cite, ev.Cite)
		}
		links(ev.KeyAreas, ev.Cite)
		links(ev.ParticipatingCountries, ev.Cite)
		links(ev.ParticipatingNetworks, ev.Cite)
		links(ev.ParticipatingSchools, ev.Cite)
	}
}
