package data_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/data"
)

func TestReadRejectsNames(t *testing.T) {
	entry := func(names string) string {
		return "schools:\n  - id: school-x\n    name: Secondary School No. 8\n    names:\n" + names + cite
	}
	for _, tc := range []struct {
		name, names, want string
	}{
		{
			"DisplayNameNotAmongNames", "      - {value: secondary school 8, kind: AS_CITED, cite: [{source: src-a, quote: \"namely secondary schools 8, 35\"}]}\n",
			`names: the name "Secondary School No. 8" is not among the names`,
		},
		{"UnknownKind", "      - {value: Secondary School No. 8, kind: NICKNAME}\n", `names 1: kind "NICKNAME" is not OFFICIAL, AS_CITED or CURATORS_LABEL`},
		{"CitedWithoutCitation", "      - {value: Secondary School No. 8, kind: AS_CITED}\n", "names 1: no citation"},
		{
			"CuratorsLabelWithCitation", "      - {value: Secondary School No. 8, kind: CURATORS_LABEL, cite: [{source: src-a, quote: No. 8}]}\n",
			"names 1: a CURATORS_LABEL is the curators' own: it cites no source",
		},
		{
			"QuoteWithoutTheName", "      - {value: Secondary School No. 8, kind: CURATORS_LABEL}\n      - {value: Lyceum 8, kind: AS_CITED, cite: [{source: src-a, quote: \"namely secondary schools 8, 35\"}]}\n",
			`names 2: cite 1: the quote does not give the name "Lyceum 8"`,
		},
		{"UnknownSource", "      - {value: Secondary School No. 8, kind: AS_CITED, cite: [{source: src-none}]}\n", `names 1: cite 1: source "src-none": no such source`},
		{
			"GivenTwice", "      - {value: Secondary School No. 8, kind: CURATORS_LABEL}\n      - {value: Secondary School No. 8, kind: CURATORS_LABEL}\n",
			`names 2: "Secondary School No. 8" is given twice`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readWith(t, entry(tc.names))
			var ve *data.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a ValidationError, got %v", err)
			}
			if len(ve.Problems) != 1 || !strings.Contains(ve.Problems[0], tc.want) {
				t.Errorf("problems:\n%s\nwant one with %q", ve.Error(), tc.want)
			}
		})
	}
}

func TestReadFillsNames(t *testing.T) {
	x := "schools:\n  - id: school-x\n    name: Lyceum 8\n    cite: [{source: src-a, quote: The pupils of Lyceum 8 sang.}, {source: src-a, quote: Q.}]\n" +
		"  - id: school-y\n    name: Lyceum 9\n" + cite
	d, err := readWith(t, x)
	if err != nil {
		t.Fatal(err)
	}
	x8 := find(t, d.Schools, "school-x", func(s data.School) string { return s.ID })
	if len(x8.Names) != 1 || x8.Names[0].Kind != "AS_CITED" || x8.Names[0].Value != "Lyceum 8" ||
		len(x8.Names[0].Cite) != 1 || x8.Names[0].Cite[0].Quote != "The pupils of Lyceum 8 sang." {
		t.Errorf("a name its citation spells: %+v, want AS_CITED with that citation alone", x8.Names)
	}
	y := find(t, d.Schools, "school-y", func(s data.School) string { return s.ID })
	if len(y.Names) != 1 || y.Names[0].Kind != "CURATORS_LABEL" || len(y.Names[0].Cite) != 0 {
		t.Errorf("a name no citation spells: %+v, want a CURATORS_LABEL", y.Names)
	}
}

// namedEntries lists the names of every named entry of the real data, by id.
func namedEntries(d *data.Dataset) map[string][]data.Name {
	out := map[string][]data.Name{}
	for _, x := range d.Countries {
		out[x.ID] = x.Names
	}
	for _, x := range d.Cities {
		out[x.ID] = x.Names
	}
	for _, x := range d.Networks {
		out[x.ID] = x.Names
	}
	for _, x := range d.KeyAreas {
		out[x.ID] = x.Names
	}
	for _, x := range d.Organizations {
		out[x.ID] = x.Names
	}
	for _, x := range d.Schools {
		out[x.ID] = x.Names
	}
	for _, x := range d.Occasions {
		out[x.ID] = x.Names
	}
	for _, x := range d.Events {
		out[x.ID] = x.Names
	}
	return out
}

// sourceTexts returns the texts the data's quotes come from, whitespace collapsed: the seed
// documents and the verbatim sentences of the facts file (its section "The sources' own
// words", the "> " of quoted lines removed), as the repository holds them in provenance/texts/
// (copies of ../shared that provenance.TestTextsMatchShared keeps equal).
func sourceTexts(t *testing.T) []string {
	t.Helper()
	held := filepath.Join("..", "provenance", "texts")
	space := regexp.MustCompile(`\s+`)
	var texts []string
	seeds, _ := filepath.Glob(filepath.Join(held, "*.txt"))
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, space.ReplaceAllString(string(b), " "))
	}
	b, err := os.ReadFile(filepath.Join(held, "aspnet-facts.md"))
	if err != nil {
		t.Fatal(err)
	}
	facts := string(b)
	start := strings.Index(facts, "## The sources' own words")
	if start < 0 || len(seeds) == 0 {
		t.Fatalf("no seed or no section \"The sources' own words\" in %s", held)
	}
	section := facts[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	section = regexp.MustCompile(`(?m)^> ?`).ReplaceAllString(section, "")
	return append(texts, space.ReplaceAllString(section, " "))
}

// TestDataNames checks that every named entry of the real data lists its names, the display
// name among them, and that every quote a name cites is the source's own words.
func TestDataNames(t *testing.T) {
	d := readData(t)
	texts := sourceTexts(t)
	space := regexp.MustCompile(`\s+`)
	quotes, labels := 0, 0
	for id, names := range namedEntries(d) {
		if len(names) == 0 {
			t.Errorf("%s: no names", id)
		}
		for _, n := range names {
			if n.Kind == "CURATORS_LABEL" {
				labels++
			}
			for _, c := range n.Cite {
				if c.Quote == "" {
					continue
				}
				quotes++
				q := space.ReplaceAllString(c.Quote, " ")
				found := false
				for _, text := range texts {
					found = found || strings.Contains(text, q)
				}
				if !found {
					t.Errorf("%s: name %q: the quote %q is not in the seed nor among the facts file's verbatim sentences", id, n.Value, c.Quote)
				}
			}
		}
	}
	if quotes < 50 || labels == 0 {
		t.Errorf("%d quotes and %d curators' labels checked; the data holds more", quotes, labels)
	}
}

// TestDataNamesAsTheSourcesSpellThem checks the names a reader looks for as the seed spells
// them.
func TestDataNamesAsTheSourcesSpellThem(t *testing.T) {
	names := namedEntries(readData(t))
	for id, want := range map[string]string{
		"org-unesco-almaty": "UNESCO Almaty", "school-almaty-8": "secondary school 8",
		"school-almaty-145": "secondary school 145", "almaty": "Алматы",
	} {
		found := false
		for _, n := range names[id] {
			found = found || (n.Value == want && n.Kind != "CURATORS_LABEL" && len(n.Cite) > 0)
		}
		if !found {
			t.Errorf("%s: no cited name %q among %+v", id, want, names[id])
		}
	}
	for _, id := range []string{"school-almaty-8", "org-unesco-almaty", "ev-2016-festival-almaty"} {
		if n := names[id][0]; n.Kind != "CURATORS_LABEL" {
			t.Errorf("%s: display name %q is %s; no source gives it as such", id, n.Value, n.Kind)
		}
	}
}
