package aspnet

import (
	"sort"
)

// RecordedGrowth counts a network's schools from its dated memberships: one point for each
// year in which a membership began or ended, with the members and candidates at the end of
// that year. A member that left in a year no longer counts at that year's end; memberships
// with no start date cannot be placed and are left out. Each point cites the memberships that
// changed in its year.
func RecordedGrowth(ms []*Membership) []*GrowthPoint {
	return recordedFrom(MembershipChanges(ms))
}

// YearChange is what a year changed in a network's count of schools (in one country, when
// growth is split by country): the members and candidates that joined less those that left,
// and the citations of the memberships that changed. The store can sum memberships up into
// these where the data lives, so that a growth series costs one row per year, not one per
// membership.
type YearChange struct {
	Country    string
	Year       int
	Members    int
	Candidates int
	Citations  []Citation
}

// MembershipChanges sums dated memberships up by year (memberships with no start date
// cannot be placed and are left out), as RecordedGrowth counts them.
func MembershipChanges(ms []*Membership) []YearChange {
	years := map[int]*YearChange{}
	at := func(y int) *YearChange {
		if years[y] == nil {
			years[y] = &YearChange{Year: y}
		}
		return years[y]
	}
	for _, m := range ms {
		if m.Since == nil {
			continue
		}
		d := 1
		for _, date := range []*Date{m.Since, m.Until} {
			if date == nil {
				continue
			}
			c := at(date.Year)
			c.Citations = append(c.Citations, m.Citations...)
			if m.Status == StatusCandidate {
				c.Candidates += d
			} else {
				c.Members += d
			}
			d = -1
		}
	}
	out := make([]YearChange, 0, len(years))
	for _, c := range years {
		out = append(out, *c)
	}
	return out
}

// recordedFrom accumulates changes (of any countries) into a cumulative series, one point per
// year.
func recordedFrom(changes []YearChange) []*GrowthPoint {
	years := map[int]*YearChange{}
	for _, c := range changes {
		y := years[c.Year]
		if y == nil {
			y = &YearChange{Year: c.Year}
			years[c.Year] = y
		}
		y.Members += c.Members
		y.Candidates += c.Candidates
		y.Citations = append(y.Citations, c.Citations...)
	}
	order := make([]int, 0, len(years))
	for y := range years {
		order = append(order, y)
	}
	sort.Ints(order)
	out := make([]*GrowthPoint, 0, len(order))
	members, candidates := 0, 0
	for _, y := range order {
		c := years[y]
		members += c.Members
		candidates += c.Candidates
		schools, cands := members, candidates
		exact := QualifierExact
		p := &GrowthPoint{
			Date:             Date{Year: y, Precision: PrecisionYear},
			Schools:          &schools,
			SchoolsQualifier: &exact,
			Basis:            BasisRecorded,
			Citations:        uniqueCitations(c.Citations),
		}
		if cands > 0 {
			p.Candidates = &cands
			p.CandidatesQualifier = &exact
		}
		out = append(out, p)
	}
	return out
}

// GrowthData is what a network's growth is computed from: the figures sources published, and
// what each year changed in the memberships of the network and the networks within it, by the
// country of the national network each membership belongs to ("" when none).
type GrowthData struct {
	// NetworkKey is the network's key, part of the recorded points' keys.
	NetworkKey string
	Published  []*GrowthPoint
	Changes    []YearChange
}

// GrowthOptions select and shape a network's growth.
type GrowthOptions struct {
	FromYear, ToYear *int
	ByCountry        bool
}

// Growth computes a network's growth series: published and recorded points by date, the
// recorded ones split by country when asked, kept to the years asked for. Counts are
// cumulative from the first membership, whatever the years asked for.
func Growth(d *GrowthData, o GrowthOptions) ([]*GrowthPoint, error) {
	if o.FromYear != nil && o.ToYear != nil && *o.FromYear > *o.ToYear {
		return nil, BadInput("fromYear", "%d is after toYear %d", *o.FromYear, *o.ToYear)
	}
	var recorded []*GrowthPoint
	if o.ByCountry {
		byCountry := map[string][]YearChange{}
		for _, c := range d.Changes {
			byCountry[c.Country] = append(byCountry[c.Country], c)
		}
		order := make([]string, 0, len(byCountry))
		for c := range byCountry {
			order = append(order, c)
		}
		sort.Strings(order)
		for _, c := range order {
			for _, p := range recordedFrom(byCountry[c]) {
				if c != "" {
					key := c
					p.CountryKey = &key
				}
				recorded = append(recorded, p)
			}
		}
		sort.SliceStable(recorded, func(i, j int) bool { return recorded[i].Date.Compare(recorded[j].Date) < 0 })
	} else {
		recorded = recordedFrom(d.Changes)
	}
	split := "all"
	if o.ByCountry {
		split = "byCountry"
	}
	for _, p := range recorded {
		country := ""
		if p.CountryKey != nil {
			country = *p.CountryKey
		}
		p.Key = d.NetworkKey + "|" + split + "|" + country + "|" + p.Date.String()
		for i := range p.Citations {
			p.Citations[i].Holder, p.Citations[i].Index = "GrowthPoint:"+p.Key, i
		}
	}
	// The points are copied before disputes are marked on them: the same data may serve
	// several growth fields of one request.
	published := make([]*GrowthPoint, len(d.Published))
	for i, p := range d.Published {
		c := *p
		c.Disputes = nil
		published[i] = &c
	}
	for _, dispute := range Disputes(published) {
		for _, c := range dispute.Claims {
			c.Disputes = append(c.Disputes, dispute)
		}
	}
	placeRecorded(published, recorded)
	all := MergeGrowth(published, recorded)
	out := all[:0:0]
	for _, p := range all {
		if (o.FromYear == nil || p.Date.Year >= *o.FromYear) && (o.ToYear == nil || p.Date.Year <= *o.ToYear) {
			out = append(out, p)
		}
	}
	return out, nil
}

// placeRecorded gives each recorded point the published total it stands against: the latest
// published point with a schools count whose date ends on or before the recorded point's
// year ends (a point of 1996 stands against what was published by 31 December 1996).
func placeRecorded(published, recorded []*GrowthPoint) {
	for _, r := range recorded {
		for _, p := range published {
			if p.Schools != nil && !p.Date.End().After(r.Date.End()) &&
				(r.PublishedTotal == nil || !p.Date.Start().Before(r.PublishedTotal.Date.Start())) {
				r.PublishedTotal = p
			}
		}
	}
}

// MergeGrowth puts published and recorded points in one list by date; on the same date,
// published points come first. Both inputs must already be sorted by date.
func MergeGrowth(published, recorded []*GrowthPoint) []*GrowthPoint {
	out := make([]*GrowthPoint, 0, len(published)+len(recorded))
	out = append(out, published...)
	out = append(out, recorded...)
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Date.Compare(out[j].Date); c != 0 {
			return c < 0
		}
		return out[i].Basis == BasisPublished && out[j].Basis == BasisRecorded
	})
	return out
}

func uniqueCitations(cs []Citation) []Citation {
	seen := map[string]bool{}
	out := make([]Citation, 0, len(cs))
	for _, c := range cs {
		k := c.SourceKey + "\x00" + deref(c.Quote) + "\x00" + deref(c.Property)
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
