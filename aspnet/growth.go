package aspnet

import (
	"fmt"
	"sort"
)

// RecordedGrowth counts a network's schools from its dated memberships: one point for each
// year in which a membership began or ended, with the members and candidates at the end of
// that year. A member that left in a year no longer counts at that year's end; memberships
// with no start date cannot be placed and are left out. Each point cites the memberships that
// changed in its year.
func RecordedGrowth(ms []*Membership) []*GrowthPoint {
	type change struct {
		members, candidates int
		cites               []Citation
	}
	years := map[int]*change{}
	at := func(y int) *change {
		if years[y] == nil {
			years[y] = &change{}
		}
		return years[y]
	}
	for _, m := range ms {
		if m.Since == nil {
			continue
		}
		c := at(m.Since.Year)
		c.cites = append(c.cites, m.Citations...)
		candidate := m.Status == StatusCandidate
		if candidate {
			c.candidates++
		} else {
			c.members++
		}
		if m.Until != nil {
			u := at(m.Until.Year)
			u.cites = append(u.cites, m.Citations...)
			if candidate {
				u.candidates--
			} else {
				u.members--
			}
		}
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
		members += c.members
		candidates += c.candidates
		schools, cands := members, candidates
		p := &GrowthPoint{
			Date:      MustParseDate(fmt.Sprintf("%04d", y)),
			Schools:   &schools,
			Basis:     BasisRecorded,
			Citations: uniqueCitations(c.cites),
		}
		if cands > 0 {
			p.Candidates = &cands
		}
		out = append(out, p)
	}
	return out
}

// GrowthData is what a network's growth is computed from: the figures sources published,
// and the memberships of the network and the networks within it, each with the country of
// the national network it belongs to ("" when none).
type GrowthData struct {
	Published []*GrowthPoint
	Members   []*Membership
	Countries []string
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
		return nil, Errorf(CodeBadUserInput, "argument fromYear: %d is after toYear %d", *o.FromYear, *o.ToYear)
	}
	var recorded []*GrowthPoint
	if o.ByCountry {
		byCountry := map[string][]*Membership{}
		var order []string
		for i, m := range d.Members {
			c := d.Countries[i]
			if _, ok := byCountry[c]; !ok {
				order = append(order, c)
			}
			byCountry[c] = append(byCountry[c], m)
		}
		sort.Strings(order)
		for _, c := range order {
			for _, p := range RecordedGrowth(byCountry[c]) {
				if c != "" {
					key := c
					p.CountryKey = &key
				}
				recorded = append(recorded, p)
			}
		}
		sort.SliceStable(recorded, func(i, j int) bool { return recorded[i].Date.Compare(recorded[j].Date) < 0 })
	} else {
		recorded = RecordedGrowth(d.Members)
	}
	all := MergeGrowth(d.Published, recorded)
	out := all[:0:0]
	for _, p := range all {
		if (o.FromYear == nil || p.Date.Year >= *o.FromYear) && (o.ToYear == nil || p.Date.Year <= *o.ToYear) {
			out = append(out, p)
		}
	}
	return out, nil
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
