package aspnet

import (
	"sort"
)

// GrowthMeasure is what a growth count counts.
type GrowthMeasure string

// The measures of a growth point.
const (
	MeasureSchools    GrowthMeasure = "SCHOOLS"
	MeasureCountries  GrowthMeasure = "COUNTRIES"
	MeasureCandidates GrowthMeasure = "CANDIDATES"
)

// GrowthMeasures lists the measures in the order disputes are reported.
var GrowthMeasures = []GrowthMeasure{MeasureSchools, MeasureCountries, MeasureCandidates}

// Count returns a point's count of the measure and its qualifier (EXACT when none is
// recorded); ok is false when the point has no count of it.
func (p *GrowthPoint) Count(m GrowthMeasure) (n int, q Qualifier, ok bool) {
	var v *int
	var qp *Qualifier
	switch m {
	case MeasureSchools:
		v, qp = p.Schools, p.SchoolsQualifier
	case MeasureCountries:
		v, qp = p.Countries, p.CountriesQualifier
	case MeasureCandidates:
		v, qp = p.Candidates, p.CandidatesQualifier
	}
	if v == nil {
		return 0, "", false
	}
	q = QualifierExact
	if qp != nil {
		q = *qp
	}
	return *v, q, true
}

// GrowthDispute groups the published claims of one network that disagree on one measure at one
// date: two or more points whose dates overlap ("1953" and "1953-11" do) and whose counts of
// the measure differ in number or qualifier. Every claim stands; the dispute only says that
// they are claims of the same thing that do not agree.
type GrowthDispute struct {
	// Key names the dispute: the measure and the keys of its claims.
	Key     string
	Measure GrowthMeasure
	// Date is the widest date of the claims, which covers them all.
	Date   Date
	Claims []*GrowthPoint
}

// ID returns the dispute's opaque, stable ID, for clients' caches: its measure and claims.
func (d *GrowthDispute) ID() string { return ValueID("GrowthDispute", d.Key) }

// Disputes finds the disputes among one network's published points, by measure, then date.
// Points of the same source that differ are not a dispute between sources only when the data
// holds them as one point, so the data keeps one point per statement.
func Disputes(published []*GrowthPoint) []*GrowthDispute {
	var out []*GrowthDispute
	for _, m := range GrowthMeasures {
		var pts []*GrowthPoint
		for _, p := range published {
			if _, _, ok := p.Count(m); ok && p.Basis == BasisPublished {
				pts = append(pts, p)
			}
		}
		sort.SliceStable(pts, func(i, j int) bool { return pts[i].Date.Start().Before(pts[j].Date.Start()) })
		// Cluster points whose days overlap, in order of their first day.
		for i := 0; i < len(pts); {
			j, end := i+1, pts[i].Date.End()
			for j < len(pts) && !pts[j].Date.Start().After(end) {
				if e := pts[j].Date.End(); e.After(end) {
					end = e
				}
				j++
			}
			if d := disputeOf(m, pts[i:j]); d != nil {
				out = append(out, d)
			}
			i = j
		}
	}
	return out
}

func disputeOf(m GrowthMeasure, claims []*GrowthPoint) *GrowthDispute {
	if len(claims) < 2 {
		return nil
	}
	n0, q0, _ := claims[0].Count(m)
	agree := true
	widest := claims[0].Date
	key := string(m)
	for _, c := range claims {
		n, q, _ := c.Count(m)
		agree = agree && n == n0 && q == q0
		if c.Date.Precision < widest.Precision {
			widest = c.Date
		}
		key += "|" + c.Key
	}
	if agree {
		return nil
	}
	return &GrowthDispute{Key: key, Measure: m, Date: widest, Claims: append([]*GrowthPoint(nil), claims...)}
}
