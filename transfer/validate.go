package transfer

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aspgraph/aspgraph/aspnet"
)

// cite is a row's provenance as validated: a URL (its Source found or made on import) or the
// key of a Source, and a quote.
type cite struct {
	url, key, quote string
}

// place is a city in a country, names trimmed.
type place struct {
	city, country string
}

func (p place) id() string { return strings.ToLower(p.city) + "\x00" + strings.ToLower(p.country) }

type schoolRow struct {
	Pos
	name     string
	place    int // index into plan.places; -1 for none
	keyAreas []string
	cite     cite
}

type membershipRow struct {
	Pos
	schoolKey    string // an existing school; "" when named by name and place
	name         string
	place        int
	network      string
	status       aspnet.MembershipStatus
	since, until *aspnet.Date
	founding     *bool
	nationalTerm string
	cite         cite
}

type eventRow struct {
	Pos
	name                         string
	date                         aspnet.Date
	endDate                      *aspnet.Date
	kind, description, purpose   string
	place                        int
	venue                        string
	organizers, keyAreas         []string
	schools, networks, countries []string
	cite                         cite
}

// plan is everything an import will write, validated.
type plan struct {
	nodes       []posNode
	rels        []posRel
	urls        []string
	places      []place
	placeCite   []cite
	schools     []schoolRow
	memberships []membershipRow
	events      []eventRow
	// refs are the nodes the rows refer to, by label and key, with where they are referred
	// to: each must exist in the graph or among the nodes the import writes.
	refs map[string]map[string][]Pos
	// defined are the nodes the import's graph files write.
	defined map[aspnet.GraphRef]bool
}

func (p *plan) rows() int {
	return len(p.nodes) + len(p.rels) + len(p.schools) + len(p.memberships) + len(p.events)
}

// validator builds a plan from the files, collecting every problem.
type validator struct {
	plan
	ps         Problems
	now        time.Time
	placeIndex map[string]int
	urlSeen    map[string]bool
	dupSchools map[string]Pos
	dupMembers map[string]Pos
	dupEvents  map[string]Pos
	dupNodes   map[aspnet.GraphRef]Pos
	dupRels    map[string]Pos
	// defaults given on the command line, for rows and files without a source.
	source, quote string
}

func newValidator(now time.Time, source, quote string) *validator {
	return &validator{
		plan:       plan{refs: map[string]map[string][]Pos{}, defined: map[aspnet.GraphRef]bool{}},
		now:        now,
		placeIndex: map[string]int{}, urlSeen: map[string]bool{},
		dupSchools: map[string]Pos{}, dupMembers: map[string]Pos{}, dupEvents: map[string]Pos{},
		dupNodes: map[aspnet.GraphRef]Pos{}, dupRels: map[string]Pos{},
		source: source, quote: quote,
	}
}

func (v *validator) bad(pos Pos, format string, args ...any) {
	v.ps = append(v.ps, Problem{pos, fmt.Sprintf(format, args...)})
}

func (v *validator) refer(label, key string, pos Pos) {
	if v.refs[label] == nil {
		v.refs[label] = map[string][]Pos{}
	}
	v.refs[label][key] = append(v.refs[label][key], pos)
}

func (v *validator) file(f *file) {
	if f.graph != nil {
		v.graph(f.graph)
	}
	for _, r := range f.rows {
		c, ok := v.cite(r, f)
		switch r.kind {
		case kindSchools:
			v.school(r, c, ok)
		case kindMemberships:
			v.membership(r, c, ok)
		case kindEvents:
			v.event(r, c, ok)
		}
	}
}

// cite validates a row's source and quote, falling back to the file's, then the command's.
func (v *validator) cite(r row, f *file) (cite, bool) {
	source, quote := r.fields["source"], r.fields["quote"]
	if source == "" {
		source, quote = f.source, f.quote
		if r.fields["quote"] != "" {
			quote = r.fields["quote"]
		}
	}
	if source == "" {
		source = v.source
		if quote == "" {
			quote = v.quote
		}
	}
	if source == "" {
		v.bad(r.Pos, "source: missing: give each row a source, the file a source (a '# source: URL' line, or \"source\" in JSON), or the command --source")
		return cite{}, false
	}
	var c cite
	if utf8.RuneCountInString(quote) > aspnet.MaxQuoteLength {
		v.bad(r.Pos, "quote: is %d characters long; at most %d are allowed", utf8.RuneCountInString(quote), aspnet.MaxQuoteLength)
		return c, false
	}
	c.quote = quote
	if strings.HasPrefix(source, "http://") || strings.HasPrefix(source, "https://") {
		u, err := url.Parse(source)
		if err != nil || u.Host == "" || len(source) > 2048 {
			v.bad(r.Pos, "source: %q is not a valid http(s) URL of at most 2048 characters", source)
			return c, false
		}
		c.url = source
		if !v.urlSeen[source] {
			v.urlSeen[source] = true
			v.urls = append(v.urls, source)
		}
		return c, true
	}
	_, key, err := parseRef(source, aspnet.KindSource)
	if err != nil {
		v.bad(r.Pos, "source: %q is neither an http(s) URL nor the ID of a Source", source)
		return c, false
	}
	c.key = key
	v.refer(string(aspnet.KindSource), key, r.Pos)
	return c, true
}

// name validates a required name field.
func (v *validator) name(r row, field string) (string, bool) {
	n, err := aspnet.ValidName(field, r.fields[field])
	if err != nil {
		v.bad(r.Pos, "%s", message(err))
		return "", false
	}
	return n, true
}

// place validates an optional city and country: both or neither.
func (v *validator) place(r row, c cite) (int, bool) {
	city, country := r.fields["city"], r.fields["country"]
	switch {
	case city == "" && country == "":
		return -1, true
	case city == "":
		v.bad(r.Pos, "city: is needed with country")
		return -1, false
	case country == "":
		v.bad(r.Pos, "country: is needed with city: a city is always in a country")
		return -1, false
	}
	ok := true
	for _, f := range []string{"city", "country"} {
		if _, err := aspnet.ValidName(f, r.fields[f]); err != nil {
			v.bad(r.Pos, "%s", message(err))
			ok = false
		}
	}
	if !ok {
		return -1, false
	}
	p := place{city: city, country: country}
	i, seen := v.placeIndex[p.id()]
	if !seen {
		i = len(v.places)
		v.placeIndex[p.id()] = i
		v.places = append(v.places, p)
		v.placeCite = append(v.placeCite, c)
	}
	return i, true
}

// date validates an optional date that must not lie in the future.
func (v *validator) date(r row, field string) (*aspnet.Date, bool) {
	s := r.fields[field]
	if s == "" {
		return nil, true
	}
	d, err := aspnet.ParseDate(s)
	if err != nil {
		v.bad(r.Pos, "%s: %v", field, err)
		return nil, false
	}
	if err := aspnet.ValidPast(field, d, v.now); err != nil {
		v.bad(r.Pos, "%s", message(err))
		return nil, false
	}
	return &d, true
}

// refs validates a list of references to nodes of one kind.
func (v *validator) refList(r row, field string, kinds ...aspnet.Kind) (map[aspnet.Kind][]string, bool) {
	out := map[aspnet.Kind][]string{}
	ok := true
	seen := map[string]bool{}
	for _, s := range r.lists[field] {
		k, key, err := parseRef(s, kinds...)
		if err != nil {
			v.bad(r.Pos, "%s: %v", field, err)
			ok = false
			continue
		}
		if seen[string(k)+":"+key] {
			v.bad(r.Pos, "%s: %q is named twice", field, s)
			ok = false
			continue
		}
		seen[string(k)+":"+key] = true
		v.refer(string(k), key, r.Pos)
		out[k] = append(out[k], key)
	}
	return out, ok
}

func (v *validator) oneRef(r row, field string, k aspnet.Kind) (string, bool) {
	s := r.fields[field]
	if s == "" {
		return "", true
	}
	_, key, err := parseRef(s, k)
	if err != nil {
		v.bad(r.Pos, "%s: %v", field, err)
		return "", false
	}
	v.refer(string(k), key, r.Pos)
	return key, true
}

func (v *validator) school(r row, c cite, ok bool) {
	name, okName := v.name(r, "name")
	pl, okPlace := v.place(r, c)
	kas, okKA := v.refList(r, "keyAreas", aspnet.KindKeyArea)
	if !ok || !okName || !okPlace || !okKA {
		return
	}
	id := identity(name, pl, v.places)
	if first, dup := v.dupSchools[id]; dup {
		v.bad(r.Pos, "the same school (name, city and country) as %s", first)
		return
	}
	v.dupSchools[id] = r.Pos
	v.schools = append(v.schools, schoolRow{Pos: r.Pos, name: name, place: pl, keyAreas: kas[aspnet.KindKeyArea], cite: c})
}

func (v *validator) membership(r row, c cite, ok bool) {
	m := membershipRow{Pos: r.Pos, place: -1, cite: c}
	good := ok
	if r.fields["school"] != "" {
		if r.fields["name"] != "" || r.fields["city"] != "" || r.fields["country"] != "" {
			v.bad(r.Pos, "school: name the school either by school (its ID) or by name, city and country, not both")
			good = false
		}
		key, okRef := v.oneRef(r, "school", aspnet.KindSchool)
		m.schoolKey, good = key, good && okRef
	} else {
		name, okName := v.name(r, "name")
		pl, okPlace := v.place(r, c)
		m.name, m.place, good = name, pl, good && okName && okPlace
	}
	if r.fields["network"] == "" {
		v.bad(r.Pos, "network: missing: the ID of the network the school is a member of")
		good = false
	} else {
		key, okRef := v.oneRef(r, "network", aspnet.KindNetwork)
		m.network, good = key, good && okRef
	}
	if s := r.fields["status"]; s != "" {
		m.status = aspnet.MembershipStatus(strings.ToUpper(s))
		if m.status != aspnet.StatusCandidate && m.status != aspnet.StatusMember && m.status != aspnet.StatusFormer {
			v.bad(r.Pos, "status: %q is not CANDIDATE, MEMBER or FORMER", s)
			good = false
		}
	}
	var okSince, okUntil bool
	m.since, okSince = v.date(r, "since")
	m.until, okUntil = v.date(r, "until")
	good = good && okSince && okUntil
	if m.since != nil && m.until != nil && m.until.End().Before(m.since.Start()) {
		v.bad(r.Pos, "until: %s is before since %s: a membership cannot end before it starts", m.until, m.since)
		good = false
	}
	if s := r.fields["founding"]; s != "" {
		b, err := parseBool(s)
		if err != nil {
			v.bad(r.Pos, "founding: %v", err)
			good = false
		}
		m.founding = &b
	}
	if t := r.fields["nationalTerm"]; utf8.RuneCountInString(t) > aspnet.MaxNameLength {
		v.bad(r.Pos, "nationalTerm: is %d characters long; at most %d are allowed", utf8.RuneCountInString(t), aspnet.MaxNameLength)
		good = false
	}
	m.nationalTerm = r.fields["nationalTerm"]
	if !good {
		return
	}
	school := "key:" + m.schoolKey
	if m.schoolKey == "" {
		school = identity(m.name, m.place, v.places)
	}
	id := school + "\x00" + m.network
	if first, dup := v.dupMembers[id]; dup {
		v.bad(r.Pos, "the same membership (school and network) as %s", first)
		return
	}
	v.dupMembers[id] = r.Pos
	v.memberships = append(v.memberships, m)
}

func (v *validator) event(r row, c cite, ok bool) {
	e := eventRow{Pos: r.Pos, cite: c}
	name, good := v.name(r, "name")
	e.name = name
	good = good && ok
	if r.fields["date"] == "" {
		v.bad(r.Pos, "date: missing: the day, month or year the event took place")
		good = false
	} else if d, okDate := v.date(r, "date"); okDate {
		e.date = *d
	} else {
		good = false
	}
	end, okEnd := v.date(r, "endDate")
	e.endDate, good = end, good && okEnd
	if end != nil && !e.date.IsZero() && end.End().Before(e.date.Start()) {
		v.bad(r.Pos, "endDate: %s is before date %s", end, e.date)
		good = false
	}
	e.kind, e.description, e.purpose = r.fields["kind"], r.fields["description"], r.fields["purpose"]
	for _, f := range []string{"kind", "description", "purpose"} {
		if n := utf8.RuneCountInString(r.fields[f]); n > aspnet.MaxQuoteLength {
			v.bad(r.Pos, "%s: is %d characters long; at most %d are allowed", f, n, aspnet.MaxQuoteLength)
			good = false
		}
	}
	pl, okPlace := v.place(r, c)
	venue, okVenue := v.oneRef(r, "venue", aspnet.KindSchool)
	orgs, okOrgs := v.refList(r, "organizers", aspnet.KindOrganization)
	kas, okKA := v.refList(r, "keyAreas", aspnet.KindKeyArea)
	parts, okParts := v.refList(r, "participants", aspnet.KindSchool, aspnet.KindNetwork, aspnet.KindCountry)
	if !good || !okPlace || !okVenue || !okOrgs || !okKA || !okParts {
		return
	}
	e.place, e.venue = pl, venue
	e.organizers, e.keyAreas = orgs[aspnet.KindOrganization], kas[aspnet.KindKeyArea]
	e.schools, e.networks, e.countries = parts[aspnet.KindSchool], parts[aspnet.KindNetwork], parts[aspnet.KindCountry]
	id := strings.ToLower(e.name) + "\x00" + e.date.String()
	if first, dup := v.dupEvents[id]; dup {
		v.bad(r.Pos, "the same event (name and date) as %s", first)
		return
	}
	v.dupEvents[id] = r.Pos
	v.events = append(v.events, e)
}

func (v *validator) graph(g *graphFile) {
	for _, r := range g.declared {
		v.defined[r] = true
	}
	for _, n := range g.nodes {
		if first, dup := v.dupNodes[n.GraphRef]; dup {
			v.bad(n.Pos, "node %s: given twice (first at %s)", n.GraphRef, first)
			continue
		}
		v.dupNodes[n.GraphRef] = n.Pos
		v.defined[n.GraphRef] = true
		v.nodes = append(v.nodes, n)
	}
	for _, r := range g.rels {
		id := r.From.String() + "\x00" + r.Type + "\x00" + r.To.String() + "\x00" + r.Key
		if first, dup := v.dupRels[id]; dup {
			v.bad(r.Pos, "relationship %s: given twice (first at %s)", r.Key, first)
			continue
		}
		v.dupRels[id] = r.Pos
		v.refer(r.From.Label, r.From.Key, r.Pos)
		v.refer(r.To.Label, r.To.Key, r.Pos)
		v.rels = append(v.rels, r)
	}
}

// identity is how the import tells schools apart before it knows the cities' keys: the name,
// city and country, each lowercased.
func identity(name string, pl int, places []place) string {
	id := strings.ToLower(name)
	if pl >= 0 {
		id += "\x00" + places[pl].id()
	}
	return id
}

// bareKey is what a key looks like: letters, digits, '.', '_' and '-'.
var bareKey = regexp.MustCompile(`^[\p{L}\p{N}._-]+$`)

// parseRef reads a reference to a node of one of kinds: the API's ID, "Kind:key", or, where
// only one kind will do, the bare key.
func parseRef(s string, kinds ...aspnet.Kind) (aspnet.Kind, string, error) {
	allowed := func(k aspnet.Kind) bool {
		for _, x := range kinds {
			if x == k {
				return true
			}
		}
		return false
	}
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	want := strings.Join(names, " or ")
	if k, key, ok := aspnet.DecodeID(s); ok {
		if !allowed(k) {
			return "", "", fmt.Errorf("%q is the ID of a %s, not of a %s", s, k, want)
		}
		return k, key, nil
	}
	if label, key, found := strings.Cut(s, ":"); found && aspnet.IsGraphLabel(label) {
		if !allowed(aspnet.Kind(label)) || key == "" {
			return "", "", fmt.Errorf("%q does not name a %s", s, want)
		}
		return aspnet.Kind(label), key, nil
	}
	if len(kinds) == 1 && bareKey.MatchString(s) {
		return kinds[0], s, nil
	}
	return "", "", fmt.Errorf("%q is not the ID of a %s", s, want)
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "yes", "1":
		return true, nil
	case "false", "no", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// message is the text of a validation error: the field it names, if any, and its message.
func message(err error) string {
	var e *aspnet.Error
	switch {
	case !errors.As(err, &e):
		return err.Error()
	case e.Field == "":
		return e.Message
	default:
		return e.Field + ": " + e.Message
	}
}
