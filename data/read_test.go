package data_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aspgraph/aspgraph/data"
)

// base is a small valid data file; each bad case adds x.yaml, which sorts after it.
const base = `# A valid base for the bad cases.
sources:
  - id: src-a
    title: Source A
countries:
  - id: kz
    name: Kazakhstan
    cite: [{source: src-a, quote: Q.}]
cities:
  - id: almaty
    name: Almaty
    country: kz
    cite: [{source: src-a, quote: Q.}]
networks:
  - id: net-global
    name: Global network
    scope: GLOBAL
    cite: [{source: src-a, quote: Q.}]
  - id: net-kz
    name: National network
    scope: NATIONAL
    country: kz
    parent: net-global
    cite: [{source: src-a, quote: Q.}]
keyAreas:
  - id: ka-a
    name: Area A
    cite: [{source: src-a, quote: Q.}]
organizations:
  - id: org-a
    name: Organization A
    cite: [{source: src-a, quote: Q.}]
schools:
  - id: school-a
    name: School A
    cite: [{source: src-a, quote: Q.}]
occasions:
  - id: occ-a
    name: Occasion A
    cite: [{source: src-a, quote: Q.}]
events:
  - id: ev-a
    name: Event A
    date: "2016-09-24"
    cite: [{source: src-a, quote: Q.}]
`

// cite is a valid citation list for the bad cases' entries.
const cite = `    cite: [{source: src-a, quote: Q.}]
`

func readWith(t *testing.T, x string) (*data.Dataset, error) {
	t.Helper()
	fsys := fstest.MapFS{"base.yaml": {Data: []byte(base)}}
	if x != "" {
		fsys["x.yaml"] = &fstest.MapFile{Data: []byte(x)}
	}
	return data.Read(fsys)
}

func TestReadBase(t *testing.T) {
	if _, err := readWith(t, ""); err != nil {
		t.Fatalf("the base data should read cleanly:\n%v", err)
	}
}

// TestReadRejects has one case per validation rule. Each adds x.yaml to the valid base and
// expects exactly `count` problems (1 unless given), one of which names x.yaml, the entry and
// the fault.
func TestReadRejects(t *testing.T) {
	tests := []struct {
		name  string
		x     string
		entry string // how the problem names the entry
		want  string // the fault
		count int
	}{
		{"syntax error", "schools:\n  - id: [oops\n", "x.yaml:2", "not found", 1},
		{
			"unknown field", "schools:\n  - id: school-x\n    name: X\n    colour: red\n" + cite,
			`x.yaml:4: school "school-x"`, `unknown field "colour"`, 1,
		},
		{
			"duplicate key", "schools:\n  - id: school-x\n    name: X\n    name: Y\n" + cite,
			`x.yaml:4: school "school-x"`, `mapping key "name" already defined`, 1,
		},
		{"unknown section", "pupils: []\n", "x.yaml:1", `unknown field "pupils"`, 1},
		{"missing id", "schools:\n  - name: X\n" + cite, `x.yaml:2: school #1`, "id is missing", 1},
		{"id not a slug", "schools:\n  - id: School_X\n    name: X\n" + cite, `school "School_X"`, "not a lower-case slug", 1},
		{"id with a trailing hyphen", "schools:\n  - id: school-\n    name: X\n" + cite, `school "school-"`, "not a lower-case slug", 1},
		{
			"duplicate id across files", "cities:\n  - id: kz\n    name: X\n    country: kz\n" + cite,
			`x.yaml:2: city "kz"`, `id "kz" is already used by a country at base.yaml:6`, 1,
		},
		{
			"duplicate id within a file", "schools:\n  - id: school-x\n    name: X\n" + cite + "  - id: school-x\n    name: Y\n" + cite,
			`x.yaml:5: school "school-x"`, `already used by a school at x.yaml:2`, 1,
		},
		{
			"duplicate id of an entry read earlier in another section", "sources:\n  - id: school-a\n    title: X\n",
			`x.yaml:2: source "school-a"`, `already used by a school at base.yaml:`, 1,
		},
		{
			"duplicate appeal id", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    appeals: [{id: kz, text: T., cite: [{source: src-a, quote: Q.}]}]\n" + cite,
			`x.yaml:2: event "ev-x": appeal "kz"`, `already used by a country`, 1,
		},
		{"empty name", "schools:\n  - id: school-x\n    name: \"\"\n" + cite, `school "school-x"`, "name is missing", 1},
		{"untrimmed name", "schools:\n  - id: school-x\n    name: \" X\"\n" + cite, `school "school-x"`, "leading or trailing space", 1},
		{"empty source title", "sources:\n  - id: src-x\n", `source "src-x"`, "title is missing", 1},
		{"empty note text", "notes:\n  - id: note-x\n    about: [kz]\n" + cite, `note "note-x"`, "text is missing", 1},
		{
			"unresolved reference", "schools:\n  - id: school-x\n    name: X\n    city: nowhere\n" + cite,
			`school "school-x"`, `city "nowhere": no such city`, 1,
		},
		{
			"reference to the wrong kind", "schools:\n  - id: school-x\n    name: X\n    memberships:\n      - network: kz\n        status: MEMBER\n" + cite,
			`school "school-x"`, `membership 1: network "kz": is a country, not a network`, 1,
		},
		{
			"link to the wrong kind", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    organizers: [{id: school-a}]\n" + cite,
			`event "ev-x"`, `organizers 1 "school-a": is a school, not an organization`, 1,
		},
		{
			"occasion link to the wrong kind", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    occasions: [{id: ev-a, relation: for}]\n" + cite,
			`event "ev-x"`, `occasions 1 "ev-a": is an event, not an occasion`, 1,
		},
		{"city without a country", "cities:\n  - id: city-x\n    name: X\n" + cite, `city "city-x"`, "country is missing", 1},
		{"note about nothing", "notes:\n  - id: note-x\n    text: T.\n" + cite, `note "note-x"`, "about is empty", 1},
		{
			"note about an unknown entry", "notes:\n  - id: note-x\n    text: T.\n    about: [nobody]\n" + cite,
			`note "note-x"`, `about 1 "nobody": no such entry`, 1,
		},
		{"note about a growth figure", "growthFigures:\n  - id: gf-x\n    network: net-kz\n    date: \"2016\"\n    schools: 1\n    schoolsQualifier: EXACT\n" + cite +
			"notes:\n  - id: note-x\n    text: T.\n    about: [gf-x]\n" + cite, `note "note-x"`, "a note cannot be about", 1},
		{
			"unparseable date", "schools:\n  - id: school-almaty-8\n    name: X\n    memberships:\n      - network: net-kz\n        since: \"19966\"\n        status: MEMBER\n" + cite,
			`x.yaml:2: school "school-almaty-8"`, `membership 1: since "19966": is not YYYY, YYYY-MM or YYYY-MM-DD`, 1,
		},
		{"impossible day", "events:\n  - id: ev-x\n    name: X\n    date: \"2015-02-29\"\n" + cite, `event "ev-x"`, `date "2015-02-29": day 29 is out of range for that month`, 1},
		{"missing required date", "events:\n  - id: ev-x\n    name: X\n" + cite, `event "ev-x"`, "date is missing", 1},
		{"future date", "events:\n  - id: ev-x\n    name: X\n    date: \"2999-01-01\"\n" + cite, `event "ev-x"`, `date "2999-01-01" is in the future`, 1},
		{"future source date", "sources:\n  - id: src-x\n    title: X\n    published: \"2999\"\n", `source "src-x"`, `published "2999" is in the future`, 1},
		{
			"until before since", "schools:\n  - id: school-x\n    name: X\n    memberships:\n      - network: net-kz\n        since: \"2000\"\n        until: \"1999-12\"\n        status: FORMER\n" + cite,
			`school "school-x"`, `membership 1: until "1999-12" is before membership 1: since "2000"`, 1,
		},
		{
			"endDate before date", "events:\n  - id: ev-x\n    name: X\n    date: \"2014-10-15\"\n    endDate: \"2014-10-14\"\n" + cite,
			`event "ev-x"`, `endDate "2014-10-14" is before date "2014-10-15"`, 1,
		},
		{
			"period to before from", "keyAreas:\n  - id: ka-x\n    name: X\n    periods:\n      - network: net-global\n        label: L\n        from: \"2021\"\n        to: \"2014\"\n" + cite,
			`key area "ka-x"`, `period 1: to "2014" is before period 1: from "2021"`, 1,
		},
		{
			"period without label", "keyAreas:\n  - id: ka-x\n    name: X\n    periods:\n      - network: net-global\n" + cite,
			`key area "ka-x"`, `period 1: label is missing`, 1,
		},
		{"bad scope", "networks:\n  - id: net-x\n    name: X\n    scope: WORLD\n" + cite, `network "net-x"`, `scope "WORLD" is not GLOBAL or NATIONAL`, 1},
		{
			"bad status", "schools:\n  - id: school-x\n    name: X\n    memberships:\n      - network: net-kz\n        status: member\n" + cite,
			`school "school-x"`, `membership 1: status "member" is not CANDIDATE, MEMBER or FORMER`, 1,
		},
		{
			"bad qualifier", "growthFigures:\n  - id: gf-x\n    network: net-kz\n    date: \"2016\"\n    schools: 1\n    schoolsQualifier: over\n" + cite,
			`growth figure "gf-x"`, `schoolsQualifier "over" is not EXACT, AT_LEAST or ABOUT`, 1,
		},
		{
			"count without its qualifier", "growthFigures:\n  - id: gf-x\n    network: net-kz\n    date: \"2016\"\n    schools: 1\n    countries: 2\n    countriesQualifier: EXACT\n" + cite,
			`growth figure "gf-x"`, "schoolsQualifier is missing", 1,
		},
		{
			"qualifier without its count", "growthFigures:\n  - id: gf-x\n    network: net-kz\n    date: \"2016\"\n    schools: 1\n    schoolsQualifier: EXACT\n    countriesQualifier: ABOUT\n" + cite,
			`growth figure "gf-x"`, `countriesQualifier "ABOUT" without countries`, 1,
		},
		{
			"national network without a country", "networks:\n  - id: net-x\n    name: X\n    scope: NATIONAL\n" + cite,
			`network "net-x"`, "a NATIONAL network needs a country", 1,
		},
		{
			"growth figure without a count", "growthFigures:\n  - id: gf-x\n    network: net-kz\n    date: \"2016\"\n" + cite,
			`growth figure "gf-x"`, "no count", 1,
		},
		{
			"negative count", "growthFigures:\n  - id: gf-x\n    network: net-kz\n    date: \"2016\"\n    candidates: -1\n    candidatesQualifier: EXACT\n" + cite,
			`growth figure "gf-x"`, "candidates -1 is negative", 1,
		},
		{"entry without citation", "schools:\n  - id: school-x\n    name: X\n", `school "school-x"`, "cite: no citation", 1},
		{"citation without source", "schools:\n  - id: school-x\n    name: X\n    cite: [{quote: Q.}]\n", `school "school-x"`, "cite 1: source is missing", 1},
		{"citation of a non-source", "schools:\n  - id: school-x\n    name: X\n    cite: [{source: kz, quote: Q.}]\n", `school "school-x"`, `cite 1: source "kz": is a country, not a source`, 1},
		{"blank quote", "schools:\n  - id: school-x\n    name: X\n    cite: [{source: src-a, quote: \" \"}]\n", `school "school-x"`, "cite 1: quote has leading or trailing space", 1},
		{
			"editorial link with a citation", "schools:\n  - id: school-x\n    name: X\n    keyAreas: [{id: ka-a, basis: EDITORIAL, reasoning: ours, cite: [{source: src-a}]}]\n" + cite,
			`school "school-x"`, "keyAreas 1: an EDITORIAL link is credited to no source", 1,
		},
		{
			"editorial link without reasoning", "schools:\n  - id: school-x\n    name: X\n    keyAreas: [{id: ka-a, basis: EDITORIAL}]\n" + cite,
			`school "school-x"`, "keyAreas 1: an EDITORIAL link needs its reasoning", 1,
		},
		{
			"stated basis spelled out", "schools:\n  - id: school-x\n    name: X\n    keyAreas: [{id: ka-a, basis: STATED}]\n" + cite,
			`school "school-x"`, `keyAreas 1: basis "STATED" is not EDITORIAL`, 1,
		},
		{
			"founding claim without citation", "organizations:\n  - id: org-x\n    name: X\n    founded: [{date: \"1994\"}]\n" + cite,
			`organization "org-x"`, "founded 1: cite: no citation", 1,
		},
		{
			"appeal without text or citation", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    appeals: [{id: appeal-x}]\n" + cite,
			`event "ev-x": appeal "appeal-x"`, "text is missing", 2,
		},
		{
			"occasion link without relation", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    occasions: [{id: occ-a}]\n" + cite,
			`event "ev-x"`, "occasions 1: relation is missing", 1,
		},
		{
			"former membership without until", "schools:\n  - id: school-x\n    name: X\n    memberships:\n      - network: net-kz\n        since: \"1996\"\n        status: FORMER\n" + cite,
			`school "school-x"`, "membership 1: a FORMER membership needs an until date", 1,
		},
		{
			"network is its own parent", "networks:\n  - id: net-x\n    name: X\n    scope: GLOBAL\n    parent: net-x\n" + cite,
			`network "net-x"`, `parent "net-x" is the network itself`, 1,
		},
		{
			"parent chain cycle", "networks:\n  - id: net-x\n    name: X\n    scope: GLOBAL\n    parent: net-y\n" + cite + "  - id: net-y\n    name: Y\n    scope: GLOBAL\n    parent: net-x\n" + cite,
			`network "net-x"`, "parent chain loops: net-x → net-y → net-x", 2,
		},
		{
			"organization partOf cycle", "organizations:\n  - id: org-x\n    name: X\n    partOf: [{id: org-x}]\n" + cite,
			`organization "org-x"`, "partOf chain loops: org-x → org-x", 1,
		},
		{
			"organization part of two", "organizations:\n  - id: org-x\n    name: X\n    partOf: [{id: org-a}, {id: org-a}]\n" + cite,
			`organization "org-x"`, "partOf names 2 organizations", 1,
		},
		{
			"partOf a non-event", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    partOf: school-a\n" + cite,
			`event "ev-x"`, `partOf "school-a": is a school, not an event`, 1,
		},
		{
			"event partOf itself", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    partOf: ev-x\n" + cite,
			`event "ev-x"`, `partOf "ev-x" is the event itself`, 1,
		},
		{
			"event partOf cycle", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    partOf: ev-y\n" + cite + "  - id: ev-y\n    name: Y\n    date: \"2016\"\n    partOf: ev-x\n" + cite,
			`event "ev-y"`, "partOf chain loops: ev-y → ev-x → ev-y", 2,
		},
		{
			"negative order", "events:\n  - id: ev-x\n    name: X\n    date: \"2016\"\n    partOf: ev-a\n    order: -1\n" + cite,
			`event "ev-x"`, "order -1 is negative", 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readWith(t, tt.x)
			var verr *data.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("got %v, want a *data.ValidationError", err)
			}
			found := slices.ContainsFunc(verr.Problems, func(p string) bool {
				return strings.HasPrefix(p, "x.yaml") && strings.Contains(p, tt.entry) && strings.Contains(p, tt.want)
			})
			if !found {
				t.Errorf("no problem names x.yaml, %s and %q; got:\n%v", tt.entry, tt.want, err)
			}
			if len(verr.Problems) != tt.count {
				t.Errorf("got %d problems, want %d:\n%v", len(verr.Problems), tt.count, err)
			}
		})
	}
}

// TestReadReportsAllProblems checks that problems in several files and entries are reported
// together, in file-name order.
func TestReadReportsAllProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"base.yaml": {Data: []byte(base)},
		"a.yaml":    {Data: []byte("schools:\n  - id: school-x\n    name: X\n")},
		"b.yaml":    {Data: []byte("events:\n  - id: ev-x\n    name: X\n    date: \"1999-13\"\n" + cite)},
		"c.yaml":    {Data: []byte("countries: [{id: de, name: Germany, colour: red}]\n")},
		"notes.txt": {Data: []byte("not read")},
	}
	_, err := data.Read(fsys)
	var verr *data.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("got %v, want a *data.ValidationError", err)
	}
	var files []string
	for _, p := range verr.Problems {
		files = append(files, strings.SplitN(p, ":", 2)[0])
	}
	if want := []string{"a.yaml", "b.yaml", "c.yaml"}; !slices.Equal(files, want) {
		t.Errorf("problems come from %v, want %v:\n%v", files, want, err)
	}
}

// TestReadAllowsPlannedPeriodEnd checks that a framework's period may end in the future.
func TestReadAllowsPlannedPeriodEnd(t *testing.T) {
	x := "keyAreas:\n  - id: ka-x\n    name: X\n    periods:\n      - network: net-global\n        label: Framework 2025-2999\n        from: \"2025\"\n        to: \"2999\"\n" + cite
	if _, err := readWith(t, x); err != nil {
		t.Fatal(err)
	}
}

// TestReadInheritsCitations checks that links, memberships, periods and occasion links without
// citations take their entry's, and that their own citations are kept.
func TestReadInheritsCitations(t *testing.T) {
	x := `schools:
  - id: school-x
    name: X
    memberships: [{network: net-kz, status: MEMBER}]
    keyAreas:
      - id: ka-a
      - id: ka-a
        cite: [{source: src-a, quote: Own.}]
    cite: [{source: src-a, quote: Entry.}]
keyAreas:
  - id: ka-x
    name: X
    periods: [{network: net-global, label: L}]
    mapsTo: [{id: ka-a}]
    cite: [{source: src-a, quote: Entry.}]
events:
  - id: ev-x
    name: X
    date: "2016"
    organizers: [{id: org-a}]
    occasions: [{id: occ-a, relation: for}]
    participatingCountries: [{id: kz}]
    cite: [{source: src-a, quote: Entry.}]
`
	d, err := readWith(t, x)
	if err != nil {
		t.Fatal(err)
	}
	quote := func(cs []data.Citation) string {
		if len(cs) != 1 {
			return "no single citation"
		}
		return cs[0].Quote
	}
	s := find(t, d.Schools, "school-x", func(s data.School) string { return s.ID })
	k := find(t, d.KeyAreas, "ka-x", func(k data.KeyArea) string { return k.ID })
	e := find(t, d.Events, "ev-x", func(e data.Event) string { return e.ID })
	for what, got := range map[string]string{
		"membership":            quote(s.Memberships[0].Cite),
		"school key area":       quote(s.KeyAreas[0].Cite),
		"period":                quote(k.Periods[0].Cite),
		"mapsTo":                quote(k.MapsTo[0].Cite),
		"organizer":             quote(e.Organizers[0].Cite),
		"occasion link":         quote(e.Occasions[0].Cite),
		"participating country": quote(e.ParticipatingCountries[0].Cite),
	} {
		if got != "Entry." {
			t.Errorf("%s: got quote %q, want the entry's", what, got)
		}
	}
	if got := quote(s.KeyAreas[1].Cite); got != "Own." {
		t.Errorf("a link's own citation was replaced: got %q", got)
	}
}

func find[T any](t *testing.T, list []T, id string, idOf func(T) string) T {
	t.Helper()
	for _, v := range list {
		if idOf(v) == id {
			return v
		}
	}
	t.Fatalf("no entry %q", id)
	var zero T
	return zero
}

// The real data.

const seed = "src-seed-2016-almaty"

func readData(t *testing.T) *data.Dataset {
	t.Helper()
	d, err := data.Read(data.Files)
	if err != nil {
		t.Fatalf("the data files do not read cleanly:\n%v", err)
	}
	return d
}

func TestDataReads(t *testing.T) {
	readData(t)
}

func citedBy(cs []data.Citation, source string) bool {
	return slices.ContainsFunc(cs, func(c data.Citation) bool { return c.Source == source })
}

func citedFor(cs []data.Citation, source, property string) bool {
	return slices.ContainsFunc(cs, func(c data.Citation) bool { return c.Source == source && c.Property == property })
}

func linkIDs(ls []data.Link) []string {
	var ids []string
	for _, l := range ls {
		ids = append(ids, l.ID)
	}
	slices.Sort(ids)
	return ids
}

var seedKeyAreas = map[string]string{
	"ka-world-concerns-un":      "World Concerns and the United Nations system",
	"ka-human-rights-democracy": "Human Rights and Democracy",
	"ka-intercultural-learning": "Intercultural Learning",
	"ka-environmental-issues":   "Environmental Issues",
}

func TestDataSeedFoundingSchools(t *testing.T) {
	d := readData(t)
	want := map[string]string{
		"school-almaty-8":    "Secondary School No. 8",
		"school-almaty-35":   "Secondary School No. 35",
		"school-almaty-105":  "Secondary School No. 105",
		"school-almaty-124":  "Secondary School No. 124",
		"school-almaty-145":  "Secondary School No. 145",
		"school-almaty-best": "BEST school",
	}
	founding := 0
	for _, s := range d.Schools {
		for _, m := range s.Memberships {
			if m.Network == "aspnet-kz" && m.Founding {
				founding++
			}
		}
	}
	if founding != len(want) {
		t.Errorf("%d founding memberships of aspnet-kz, want %d", founding, len(want))
	}
	for id, name := range want {
		s := find(t, d.Schools, id, func(s data.School) string { return s.ID })
		if s.Name != name || s.City != "almaty" {
			t.Errorf("%s: name %q city %q, want %q in almaty", id, s.Name, s.City, name)
		}
		if len(s.Memberships) != 1 {
			t.Fatalf("%s: %d memberships, want 1", id, len(s.Memberships))
		}
		m := s.Memberships[0]
		if m.Network != "aspnet-kz" || m.Since != "1996" || !m.Founding || m.Status != "MEMBER" || !citedBy(m.Cite, seed) {
			t.Errorf("%s: membership %+v, want a founding MEMBER of aspnet-kz since 1996 cited by the seed", id, m)
		}
		// The seed's four key areas are the network's ("UNESCO Associated Schools work in
		// four key areas"): no source links a given school to one.
		if len(s.KeyAreas) != 0 {
			t.Errorf("%s: key areas %v, want none", id, linkIDs(s.KeyAreas))
		}
	}
}

func TestDataSeedNetworks(t *testing.T) {
	d := readData(t)
	aspnet := find(t, d.Networks, "aspnet", func(n data.Network) string { return n.ID })
	if aspnet.Scope != "GLOBAL" || aspnet.Launched != "1953" {
		t.Errorf("aspnet: scope %s launched %s, want GLOBAL 1953", aspnet.Scope, aspnet.Launched)
	}
	if !citedFor(aspnet.Cite, seed, "launched") || !citedFor(aspnet.Cite, "src-aspnet-happy-66-anniversary", "launched") {
		t.Errorf("aspnet: launch should be cited by the seed and the happy-66 page: %+v", aspnet.Cite)
	}
	if !strings.HasPrefix(aspnet.Objective, "Initially, the main objective of the project was to bring together ASPnet international school teams") ||
		!citedFor(aspnet.Cite, seed, "objective") {
		t.Errorf("aspnet: objective %q, want the seed's sentence, cited", aspnet.Objective)
	}
	if aspnet.OriginalName != "Scheme of Co-ordinated Experimental Activities in Education for Living in a World Community" {
		t.Errorf("aspnet: original name %q", aspnet.OriginalName)
	}
	kz := find(t, d.Networks, "aspnet-kz", func(n data.Network) string { return n.ID })
	if kz.Scope != "NATIONAL" || kz.Country != "kz" || kz.Parent != "aspnet" || kz.Launched != "1996" || !citedBy(kz.Cite, seed) {
		t.Errorf("aspnet-kz: %+v", kz)
	}

	var published25, published2020 bool
	for _, g := range d.GrowthFigures {
		if g.Network == "aspnet-kz" && g.Date == "2016-09-20" && g.Schools != nil && *g.Schools == 25 && citedBy(g.Cite, seed) {
			published25 = true
		}
		if g.Network == "aspnet-kz" && g.Date == "2020-11" && g.Schools != nil && *g.Schools == 26 &&
			g.Candidates != nil && *g.Candidates == 11 {
			published2020 = true
		}
		if g.Network == "aspnet-kz" && strings.HasPrefix(g.Date, "1996") {
			t.Errorf("growth figure %s: no source publishes a 1996 count for Kazakhstan", g.ID)
		}
	}
	if !published25 {
		t.Error("no growth figure of 25 schools in aspnet-kz at 2016-09-20 cited by the seed")
	}
	if !published2020 {
		t.Error("no growth figure of 26 schools and 11 candidates in aspnet-kz at 2020-11")
	}
	var dates []string
	for _, g := range d.GrowthFigures {
		if g.Network == "aspnet" && !slices.Contains(dates, g.Date) {
			dates = append(dates, g.Date)
		}
	}
	wantDates := []string{"1953-11", "1953", "1976", "1999", "2003-07", "2005-09", "2006", "2013-09", "2014", "2014-12-06", "2016-07", "2019-06", "2024-01", "2024-10-24"}
	if !slices.Equal(dates, wantDates) {
		t.Errorf("aspnet growth dates %v, want %v", dates, wantDates)
	}
}

func TestDataSeedKeyAreas(t *testing.T) {
	d := readData(t)
	for id, name := range seedKeyAreas {
		k := find(t, d.KeyAreas, id, func(k data.KeyArea) string { return k.ID })
		if k.Name != name || !citedBy(k.Cite, seed) {
			t.Errorf("%s: name %q, want %q cited by the seed", id, k.Name, name)
		}
		if len(k.Periods) != 2 || k.Periods[1].Network != "aspnet" || k.Periods[1].Label != "2016 (seed document)" || k.Periods[1].From != "2016" || !citedBy(k.Periods[1].Cite, seed) ||
			k.Periods[0].Label != "1999 (UNESCO brochure)" || !citedBy(k.Periods[0].Cite, "src-unesco-brochure-1999") {
			t.Errorf("%s: periods %+v, want the 1999 brochure's and the seed's 2016 period on aspnet", id, k.Periods)
		}
	}
	env := find(t, d.KeyAreas, "ka-environmental-issues", func(k data.KeyArea) string { return k.ID })
	if got := linkIDs(env.MapsTo); !slices.Equal(got, []string{"ka-esd"}) || env.MapsTo[0].Basis != "EDITORIAL" || len(env.MapsTo[0].Cite) != 0 {
		t.Errorf("Environmental Issues maps to %v (%+v), want [ka-esd], EDITORIAL and uncited", got, env.MapsTo)
	}
	il := find(t, d.KeyAreas, "ka-intercultural-learning", func(k data.KeyArea) string { return k.ID })
	if got := linkIDs(il.MapsTo); !slices.Equal(got, []string{"ka-gced", "ka-intercultural-heritage-learning"}) {
		t.Errorf("Intercultural Learning maps to %v, want [ka-gced ka-intercultural-heritage-learning]", got)
	}
	// The one mapping a source states: the Global Citizens page on intercultural learning.
	if il.MapsTo[0].Basis != "" || !citedBy(il.MapsTo[0].Cite, "src-aspnet-globalcitizens-about") || il.MapsTo[1].Basis != "EDITORIAL" {
		t.Errorf("Intercultural Learning's mappings %+v: want GCED stated by the Global Citizens page, the 2024 area EDITORIAL", il.MapsTo)
	}
}

func TestDataSeedFestival(t *testing.T) {
	d := readData(t)
	fest := find(t, d.Events, "ev-2016-festival-almaty", func(e data.Event) string { return e.ID })
	if fest.Date != "2016-09-24" || fest.Venue != "school-almaty-best" || fest.City != "almaty" || fest.Kind != "festival" {
		t.Errorf("festival: date %s venue %s city %s kind %s", fest.Date, fest.Venue, fest.City, fest.Kind)
	}
	if got := linkIDs(fest.Organizers); !slices.Equal(got, []string{"org-ncc-kz", "org-unesco-almaty"}) {
		t.Errorf("festival organizers %v", got)
	}
	ncc := find(t, d.Organizations, "org-ncc-kz", func(o data.Organization) string { return o.ID })
	if ncc.Name != "National Coordinating Council of UNESCO Associated Schools in the Republic of Kazakhstan" {
		t.Errorf("org-ncc-kz is named %q", ncc.Name)
	}
	occasions := map[string]string{}
	for _, o := range fest.Occasions {
		occasions[o.ID] = o.Relation
		if !citedBy(o.Cite, seed) {
			t.Errorf("festival occasion %s is not cited by the seed", o.ID)
		}
	}
	wantOcc := map[string]string{
		"occ-international-day-of-peace":       "in celebration of",
		"occ-aspnet-kz-20th-anniversary":       "dedicated to",
		"occ-kz-independence-25th-anniversary": "to celebrate",
	}
	if len(occasions) != len(wantOcc) {
		t.Errorf("festival occasions %v, want %v", occasions, wantOcc)
	}
	for id, rel := range wantOcc {
		if occasions[id] != rel {
			t.Errorf("festival occasion %s: relation %q, want %q", id, occasions[id], rel)
		}
	}
	peace := find(t, d.Occasions, "occ-international-day-of-peace", func(o data.Occasion) string { return o.ID })
	if peace.Recurs != "21 September" || peace.Established != "1981" {
		t.Errorf("International Day of Peace: recurs %q established %q", peace.Recurs, peace.Established)
	}
	if !strings.Contains(fest.Purpose, "transform education into a driving force for achieving the ideals of peace") {
		t.Errorf("festival purpose %q", fest.Purpose)
	}
	if got := linkIDs(fest.ParticipatingNetworks); !slices.Equal(got, []string{"aspnet-kz"}) {
		t.Errorf("festival participating networks %v", got)
	}
	if len(fest.Appeals) != 1 {
		t.Fatalf("festival: %d appeals, want 1", len(fest.Appeals))
	}
	a := fest.Appeals[0]
	if a.Text != "Children want to live in peace!" || a.By != "Students of the country" || a.To != "the world's community" || !citedBy(a.Cite, seed) {
		t.Errorf("festival appeal %+v", a)
	}

	var activities []data.Event
	for _, e := range d.Events {
		if e.PartOf == fest.ID {
			activities = append(activities, e)
		}
	}
	slices.SortFunc(activities, func(a, b data.Event) int { return a.Order - b.Order })
	wantKinds := []string{"flash mob", "concert", "exhibition", "sports"}
	if len(activities) != len(wantKinds) {
		t.Fatalf("festival: %d activities, want %d", len(activities), len(wantKinds))
	}
	for i, e := range activities {
		if e.Order != i+1 || e.Kind != wantKinds[i] || e.Date != fest.Date || !citedBy(e.Cite, seed) {
			t.Errorf("activity %d: %s order %d kind %q date %s", i+1, e.ID, e.Order, e.Kind, e.Date)
		}
	}
}

// TestDataDisputedClaims checks that where sources disagree, both claims stand, each cited to
// its own source.
func TestDataDisputedClaims(t *testing.T) {
	d := readData(t)
	countries1953 := map[string]string{}
	for _, g := range d.GrowthFigures {
		if g.Network == "aspnet" && strings.HasPrefix(g.Date, "1953") && g.Countries != nil {
			if len(g.Cite) != 1 {
				t.Errorf("%s: %d citations, want 1", g.ID, len(g.Cite))
				continue
			}
			countries1953[fmt.Sprintf("%d %s", *g.Countries, g.CountriesQualifier)] = g.Cite[0].Source
		}
	}
	if countries1953["16 EXACT"] != "src-aspnet-happy-66-anniversary" || countries1953["15 EXACT"] != "src-aspnet-es-who-we-are" ||
		countries1953["15 ABOUT"] != "src-guide-national-coordinators-2006" || len(countries1953) != 3 {
		t.Errorf("1953 country counts %v, want 16 (happy-66), 15 (who-we-are) and some 15 (the 2006 Guide)", countries1953)
	}

	office := find(t, d.Organizations, "org-unesco-almaty", func(o data.Organization) string { return o.ID })
	founded := map[string]string{}
	for _, c := range office.Founded {
		if len(c.Cite) != 1 {
			t.Errorf("founded %s: %d citations, want 1", c.Date, len(c.Cite))
			continue
		}
		founded[c.Date] = c.Cite[0].Source
	}
	if founded["1994"] != "src-unesco-almaty-about" || founded["1995-08"] != "src-govkz-mfa-383534" || len(founded) != 2 {
		t.Errorf("UNESCO Almaty founding claims %v, want 1994 (en.unesco.org) and 1995-08 (gov.kz)", founded)
	}
	if got := linkIDs(office.Covers); !slices.Equal(got, []string{"kg", "kz", "tj", "uz"}) {
		t.Errorf("UNESCO Almaty covers %v", got)
	}
}

// TestDataCitationsQuote checks every citation of the real data names a source and quotes it
// or gives the project's summary of it, and that every uncited link is EDITORIAL.
func TestDataCitationsQuote(t *testing.T) {
	d := readData(t)
	sources := map[string]bool{}
	for _, s := range d.Sources {
		sources[s.ID] = true
	}
	n := 0
	check := func(where string, cs []data.Citation) {
		if len(cs) == 0 {
			t.Errorf("%s: no citation", where)
		}
		for _, c := range cs {
			n++
			if !sources[c.Source] || (c.Quote == "") == (c.Summary == "") {
				t.Errorf("%s: citation %+v, want a source and a quote or a summary", where, c)
			}
		}
	}
	for _, s := range d.Schools {
		check(s.ID, s.Cite)
		for _, m := range s.Memberships {
			check(s.ID+" membership", m.Cite)
		}
		for _, l := range s.KeyAreas {
			check(s.ID+" key area "+l.ID, l.Cite)
		}
	}
	for _, e := range d.Events {
		check(e.ID, e.Cite)
		for _, l := range slices.Concat(e.Organizers, e.KeyAreas, e.ParticipatingCountries, e.ParticipatingNetworks) {
			if l.Basis == "EDITORIAL" {
				if l.Reasoning == "" || len(l.Cite) != 0 {
					t.Errorf("%s link %s: EDITORIAL with reasoning %q and %d citations", e.ID, l.ID, l.Reasoning, len(l.Cite))
				}
				continue
			}
			check(e.ID+" link "+l.ID, l.Cite)
		}
	}
	if n == 0 {
		t.Error("no citations checked")
	}
}
