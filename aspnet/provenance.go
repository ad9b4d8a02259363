package aspnet

// Basis says what a claim of the graph rests on.
type Basis string

// The bases of a claim.
const (
	// BasisStated: a source says it.
	BasisStated Basis = "STATED"
	// BasisDerived: computed from stated facts by a rule the data names.
	BasisDerived Basis = "DERIVED"
	// BasisEditorial: the curators' inference, with their reasoning, credited to no source.
	BasisEditorial Basis = "EDITORIAL"
)

// Bases lists every basis, in the order reports give them.
var Bases = []Basis{BasisStated, BasisDerived, BasisEditorial}

// BasesParam is bases as a statement's parameter: every basis when empty.
func BasesParam(bases []Basis) []any {
	if len(bases) == 0 {
		bases = Bases
	}
	out := make([]any, len(bases))
	for i, b := range bases {
		out[i] = string(b)
	}
	return out
}

// Valid says whether b is one of the bases.
func (b Basis) Valid() bool {
	return b == BasisStated || b == BasisDerived || b == BasisEditorial
}

// BasisOf is the basis of a claim from what is stored of it: stored is the basis recorded on
// it (empty for a claim written through the API, which cites a source); a claim with a
// citation that has a rule is DERIVED.
func BasisOf(stored string, cites []Citation) Basis {
	if b := Basis(stored); b.Valid() {
		return b
	}
	for _, c := range cites {
		if c.Rule != nil && *c.Rule != "" {
			return BasisDerived
		}
	}
	return BasisStated
}

// Qualifier says how a source qualifies a count it publishes.
type Qualifier string

// The qualifiers of a published count.
const (
	// QualifierExact: the count as a bare number.
	QualifierExact Qualifier = "EXACT"
	// QualifierAtLeast: "more than", "over".
	QualifierAtLeast Qualifier = "AT_LEAST"
	// QualifierAbout: "about", "some", "around", "estimated".
	QualifierAbout Qualifier = "ABOUT"
)

// Valid says whether q is one of the qualifiers.
func (q Qualifier) Valid() bool {
	return q == QualifierExact || q == QualifierAtLeast || q == QualifierAbout
}

// Words are how a reader says the qualifier before a number: "more than", "about", or
// nothing for an exact count.
func (q Qualifier) Words() string {
	switch q {
	case QualifierAtLeast:
		return "more than"
	case QualifierAbout:
		return "about"
	}
	return ""
}

// Basis is STATED when the citation's source states the fact, DERIVED when the fact is
// computed from what it states by the citation's rule.
func (c *Citation) Basis() Basis {
	if c.Rule != nil && *c.Rule != "" {
		return BasisDerived
	}
	return BasisStated
}

// GrowthCoverage says what a growth point counts.
type GrowthCoverage string

// The coverages of a growth point.
const (
	// CoverageNetwork: the size of the whole network, as a source published it.
	CoverageNetwork GrowthCoverage = "NETWORK"
	// CoverageRecordedMemberships: only the dated memberships the graph holds; not the
	// network's size.
	CoverageRecordedMemberships GrowthCoverage = "RECORDED_MEMBERSHIPS"
)

// Coverage says what the point counts: the whole network (PUBLISHED) or the memberships the
// graph holds (RECORDED).
func (p *GrowthPoint) Coverage() GrowthCoverage {
	if p.Basis == BasisRecorded {
		return CoverageRecordedMemberships
	}
	return CoverageNetwork
}

// Qualifier is the qualifier of the point's schools count in words ("more than", "about"),
// or of its countries count when it has no schools count; nil for an exact count. It is what
// the API served before counts had qualifiers of their own.
func (p *GrowthPoint) Qualifier() *string {
	q := p.SchoolsQualifier
	if p.Schools == nil {
		q = p.CountriesQualifier
	}
	if q == nil || q.Words() == "" {
		return nil
	}
	w := q.Words()
	return &w
}
