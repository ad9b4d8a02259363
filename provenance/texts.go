// Package provenance holds the texts of the sources the knowledge graph quotes, as the project
// has them, and checks the graph's citations against them: every quote must be words its
// source contains, every fact must have a basis, and a data-quality report lists what falls
// short (see docs/provenance.md).
//
// The texts are committed copies, in texts/, of the project's shared sources: the seed
// document (../shared/seeds/) and the facts file (../shared/facts/aspnet-facts.md), whose
// section "The sources' own words" gives the sources' sentences verbatim. They are embedded
// so that `aspgraph check`, the dataQuality query and the tests read the same texts on any
// checkout; TestTextsMatchShared keeps the copies equal to ../shared where it is present.
package provenance

import (
	"embed"
	"regexp"
	"strings"
)

//go:embed texts/*
var textFiles embed.FS

// The held texts, by their file names in texts/ (the names they have in ../shared).
const (
	SeedFile  = "000_743ca8bc034ae6b5.txt"
	FactsFile = "aspnet-facts.md"
	// SeedLabel is the label of the seed document's one passage, for Source.heldIn.
	SeedLabel = "seed"
)

// Passage is a stretch of a source's own words that the project holds.
type Passage struct {
	// Label is where the passage is: "seed" for the seed document, the label of the facts
	// file's section ("F1a", "F15", ...) it is in, or "mappings" and "wording" for the two
	// sections that follow those.
	Label string
	// URLs are the addresses the facts file names the passage's page by, on the line that
	// introduces it.
	URLs []string
	// Text is the passage, normalised (see Normalize).
	Text string
}

// Texts are the passages of every held text.
type Texts struct {
	Passages []Passage
}

// LoadTexts reads the embedded copies of the seed document and the facts file.
func LoadTexts() (*Texts, error) {
	seed, err := textFiles.ReadFile("texts/" + SeedFile)
	if err != nil {
		return nil, err
	}
	facts, err := textFiles.ReadFile("texts/" + FactsFile)
	if err != nil {
		return nil, err
	}
	t := &Texts{Passages: []Passage{{Label: SeedLabel, Text: Normalize(string(seed))}}}
	t.Passages = append(t.Passages, FactsPassages(string(facts))...)
	return t, nil
}

// typographic maps the typographic quotation marks onto the plain ones.
var typographic = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'", "\u00a0", " ")

var spaceRun = regexp.MustCompile(`\s+`)

// Normalize makes two renderings of the same words compare equal, and nothing more: every run
// of white space (spaces, tabs, line breaks, no-break spaces) becomes one space, typographic
// quotation marks and apostrophes become plain ones, and the ends are trimmed. Letters, digits,
// punctuation and case are kept as they are, so "over 1.000" never matches "over 1,000".
func Normalize(s string) string {
	return strings.TrimSpace(spaceRun.ReplaceAllString(typographic.Replace(s), " "))
}

// sectionLabels label the facts file's sections after "The sources' own words", whose
// passages are not in an F section.
var sectionLabels = map[string]string{
	"Does UNESCO link the 1990s areas to the later themes?": "mappings",
	"Wording differences that matter":                       "wording",
}

var (
	urlRE     = regexp.MustCompile(`https?://[^\s)"]+`)
	labelRE   = regexp.MustCompile(`^\*\*(F\d+[a-z]?)(?: / (F\d+[a-z]?))?\.`)
	sectionRE = regexp.MustCompile(`^## `)
	// inlineRE finds the start of a quoted passage within a line: a quotation mark after
	// ": " or "says ".
	inlineRE = regexp.MustCompile(`(?:: |says )"`)
)

// FactsPassages returns the verbatim passages of the facts file: from its section "The
// sources' own words" to the end, every block of lines beginning with ">" and every passage
// quoted inline after ": " or "says " (in "Wording differences that matter", only on lines
// that name the page's address). The facts file's own sentences around them are not passages.
func FactsPassages(md string) []Passage {
	lines := strings.Split(md, "\n")
	var out []Passage
	in, wording := false, false
	label := ""
	intro := ""
	var block []string
	flush := func() {
		if len(block) == 0 {
			return
		}
		text := strings.Join(block, "\n")
		text = strings.TrimPrefix(strings.TrimSpace(text), `"`)
		text = strings.TrimSuffix(text, `"`)
		out = append(out, Passage{Label: label, URLs: urlsOf(intro), Text: Normalize(text)})
		block = nil
	}
	for _, line := range lines {
		if sectionRE.MatchString(line) {
			flush()
			in = in || strings.HasPrefix(line, "## The sources' own words")
			wording = strings.HasPrefix(line, "## Wording differences")
			label = sectionLabels[strings.TrimPrefix(line, "## ")]
			continue
		}
		if !in {
			continue
		}
		if rest, ok := strings.CutPrefix(line, ">"); ok {
			block = append(block, strings.TrimPrefix(rest, " "))
			continue
		}
		flush()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if m := labelRE.FindStringSubmatch(line); m != nil {
			label = m[1]
		} else if strings.HasPrefix(line, "### ") {
			label = ""
		}
		intro = line
		if wording && len(urlsOf(line)) == 0 {
			continue
		}
		from := 0 // the page of an inline passage is named between the one before it and it
		for _, loc := range inlineRE.FindAllStringIndex(line, -1) {
			start := loc[1]
			if start < from {
				continue
			}
			end := closingQuote(line, start)
			if end < 0 {
				continue
			}
			out = append(out, Passage{Label: label, URLs: urlsOf(line[from:loc[0]]), Text: Normalize(line[start:end])})
			from = end + 1
		}
	}
	flush()
	return out
}

// closingQuote finds the quotation mark that ends an inline passage starting at start: the
// first one after a full stop, question or exclamation mark, or followed by the end of the
// line or by punctuation; -1 when there is none.
func closingQuote(line string, start int) int {
	for i := start; i < len(line); i++ {
		if line[i] != '"' {
			continue
		}
		if i > start && strings.ContainsRune(".!?", rune(line[i-1])) {
			return i
		}
		if i+1 == len(line) || strings.ContainsRune(".,;)", rune(line[i+1])) {
			return i
		}
	}
	return -1
}

func urlsOf(s string) []string {
	var out []string
	for _, u := range urlRE.FindAllString(s, -1) {
		out = append(out, NormalizeURL(u))
	}
	return out
}

// NormalizeURL makes two spellings of a page's address compare equal: without the scheme and
// a trailing slash or full stop.
func NormalizeURL(u string) string {
	u = strings.TrimRight(u, "/.,;:")
	u = strings.TrimPrefix(u, "https://")
	u = strings.TrimPrefix(u, "http://")
	return strings.TrimRight(u, "/")
}

// Find returns the passages whose text contains quote (both normalised).
func (t *Texts) Find(quote string) []Passage {
	q := Normalize(quote)
	if q == "" {
		return nil
	}
	var out []Passage
	for _, p := range t.Passages {
		if strings.Contains(p.Text, q) {
			out = append(out, p)
		}
	}
	return out
}

// Of says whether a passage holds the words of a source with this address and these held-in
// labels: the address is the one the facts file names the passage's page by, or the
// passage's section is one the source says holds its words.
func (p Passage) Of(url string, heldIn []string) bool {
	if url != "" {
		u := NormalizeURL(url)
		for _, pu := range p.URLs {
			if pu == u {
				return true
			}
		}
	}
	for _, l := range heldIn {
		if l == p.Label {
			return true
		}
	}
	return false
}
