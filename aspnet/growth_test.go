package aspnet_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

func datep(s string) *aspnet.Date {
	d := aspnet.MustParseDate(s)
	return &d
}

func cite(source string) aspnet.Citation { return aspnet.Citation{SourceKey: source} }

func member(school, since, until string, status aspnet.MembershipStatus, cites ...aspnet.Citation) *aspnet.Membership {
	m := &aspnet.Membership{SchoolKey: school, NetworkKey: "aspnet", Status: status, Citations: cites}
	if since != "" {
		m.Since = datep(since)
	}
	if until != "" {
		m.Until = datep(until)
	}
	return m
}

// point is a GrowthPoint with its optional counts flattened, for comparison; -1 is "absent".
type point struct {
	date       string
	schools    int
	candidates int
	basis      aspnet.GrowthBasis
	cites      []aspnet.Citation
}

func flatten(ps []*aspnet.GrowthPoint) []point {
	out := make([]point, len(ps))
	for i, p := range ps {
		out[i] = point{date: p.Date.String(), schools: -1, candidates: -1, basis: p.Basis, cites: p.Citations}
		if p.Schools != nil {
			out[i].schools = *p.Schools
		}
		if p.Candidates != nil {
			out[i].candidates = *p.Candidates
		}
	}
	return out
}

func TestRecordedGrowth(t *testing.T) {
	src := cite("unesco-1996")
	other := cite("report-2000")
	quoted := aspnet.Citation{SourceKey: "unesco-1996", Quote: strp("six schools joined")}
	var six []*aspnet.Membership
	for i := range 6 {
		six = append(six, member(fmt.Sprintf("s%d", i), "1996", "", aspnet.StatusMember, src))
	}

	tests := []struct {
		name string
		in   []*aspnet.Membership
		want []point
	}{
		{
			name: "no memberships give no points",
			in:   nil,
			want: []point{},
		},
		{
			name: "six members since 1996 give one point with six schools and one citation",
			in:   six,
			want: []point{{"1996", 6, -1, aspnet.BasisRecorded, []aspnet.Citation{src}}},
		},
		{
			name: "citations differing only by quote are kept apart",
			in: []*aspnet.Membership{
				member("a", "1996", "", aspnet.StatusMember, src, quoted),
				member("b", "1996", "", aspnet.StatusMember, quoted, src),
			},
			want: []point{{"1996", 2, -1, aspnet.BasisRecorded, []aspnet.Citation{src, quoted}}},
		},
		{
			name: "former member drops the count in the year it left",
			in: []*aspnet.Membership{
				member("a", "1996", "", aspnet.StatusMember, src),
				member("b", "1996", "2000", aspnet.StatusFormer, other),
			},
			want: []point{
				{"1996", 2, -1, aspnet.BasisRecorded, []aspnet.Citation{src, other}},
				{"2000", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{other}},
			},
		},
		{
			name: "candidate counts in candidates not schools",
			in: []*aspnet.Membership{
				member("a", "1996", "", aspnet.StatusMember, src),
				member("b", "1996", "", aspnet.StatusCandidate, src),
			},
			want: []point{{"1996", 1, 1, aspnet.BasisRecorded, []aspnet.Citation{src}}},
		},
		{
			name: "only candidates give zero schools",
			in: []*aspnet.Membership{
				member("a", "1998", "", aspnet.StatusCandidate, src),
				member("b", "1998", "", aspnet.StatusCandidate, src),
			},
			want: []point{{"1998", 0, 2, aspnet.BasisRecorded, []aspnet.Citation{src}}},
		},
		{
			name: "memberships without since are left out",
			in: []*aspnet.Membership{
				member("a", "1996", "", aspnet.StatusMember, src),
				member("b", "", "", aspnet.StatusMember, other),
				member("c", "", "2001", aspnet.StatusFormer, other),
			},
			want: []point{{"1996", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{src}}},
		},
		{
			name: "only undated memberships give no points",
			in:   []*aspnet.Membership{member("b", "", "", aspnet.StatusMember, other)},
			want: []point{},
		},
		{
			name: "finer dates count in their year",
			in: []*aspnet.Membership{
				member("a", "1996-03-01", "", aspnet.StatusMember, src),
				member("b", "1996-11", "", aspnet.StatusMember, src),
				member("c", "1996", "", aspnet.StatusMember, src),
			},
			want: []point{{"1996", 3, -1, aspnet.BasisRecorded, []aspnet.Citation{src}}},
		},
		{
			name: "counts accumulate over several years in year order",
			in: []*aspnet.Membership{
				member("d", "2003", "", aspnet.StatusMember, cite("c")),
				member("a", "1996", "", aspnet.StatusMember, cite("a")),
				member("b", "1996", "", aspnet.StatusMember, cite("a")),
				member("c", "1999", "", aspnet.StatusMember, cite("b")),
				member("e", "2003", "", aspnet.StatusMember, cite("c")),
				member("f", "2003", "", aspnet.StatusCandidate, cite("c")),
			},
			want: []point{
				{"1996", 2, -1, aspnet.BasisRecorded, []aspnet.Citation{cite("a")}},
				{"1999", 3, -1, aspnet.BasisRecorded, []aspnet.Citation{cite("b")}},
				{"2003", 5, 1, aspnet.BasisRecorded, []aspnet.Citation{cite("c")}},
			},
		},
		{
			name: "candidate that left drops out of candidates",
			in: []*aspnet.Membership{
				member("a", "1996", "", aspnet.StatusMember, src),
				member("b", "1997", "1999", aspnet.StatusCandidate, other),
			},
			want: []point{
				{"1996", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{src}},
				{"1997", 1, 1, aspnet.BasisRecorded, []aspnet.Citation{other}},
				{"1999", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{other}},
			},
		},
		{
			name: "joining and leaving in one year leaves the count unchanged",
			in: []*aspnet.Membership{
				member("a", "1996", "", aspnet.StatusMember, src),
				member("b", "1998", "1998", aspnet.StatusFormer, other),
			},
			want: []point{
				{"1996", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{src}},
				{"1998", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{other}},
			},
		},
		{
			name: "membership without citations gives a point with none",
			in:   []*aspnet.Membership{member("a", "1996", "", aspnet.StatusMember)},
			want: []point{{"1996", 1, -1, aspnet.BasisRecorded, []aspnet.Citation{}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := aspnet.RecordedGrowth(tt.in)
			if got == nil {
				t.Fatal("RecordedGrowth returned nil, want a (possibly empty) list")
			}
			for _, p := range got {
				if p.Date.Precision != aspnet.PrecisionYear {
					t.Errorf("point %s has precision %s, want YEAR", p.Date, p.Date.Precision)
				}
				if p.Countries != nil || p.Qualifier() != nil || p.SchoolsQualifier == nil || *p.SchoolsQualifier != aspnet.QualifierExact {
					t.Errorf("point %s has Countries or a qualifier in words set, or its schools are not EXACT", p.Date)
				}
			}
			if g := flatten(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("RecordedGrowth:\n got %+v\nwant %+v", g, tt.want)
			}
		})
	}
}

func TestRecordedGrowthPointsDoNotShareCounts(t *testing.T) {
	got := aspnet.RecordedGrowth([]*aspnet.Membership{
		member("a", "1996", "", aspnet.StatusMember),
		member("b", "1997", "", aspnet.StatusMember),
	})
	if len(got) != 2 {
		t.Fatalf("got %d points, want 2", len(got))
	}
	*got[0].Schools = 99
	if *got[1].Schools != 2 {
		t.Fatalf("changing one point's Schools changed another's to %d", *got[1].Schools)
	}
}

func TestRecordedGrowthDoesNotModifyInput(t *testing.T) {
	in := []*aspnet.Membership{
		member("a", "1996", "", aspnet.StatusMember, cite("x"), cite("x")),
		member("b", "1996", "2000", aspnet.StatusFormer, cite("y")),
	}
	before := []aspnet.Citation{cite("x"), cite("x")}
	aspnet.RecordedGrowth(in)
	if !reflect.DeepEqual(in[0].Citations, before) {
		t.Fatalf("input citations changed to %v", in[0].Citations)
	}
}

func published(date string, schools int) *aspnet.GrowthPoint {
	return &aspnet.GrowthPoint{Date: aspnet.MustParseDate(date), Schools: &schools, Basis: aspnet.BasisPublished}
}

func recorded(date string, schools int) *aspnet.GrowthPoint {
	return &aspnet.GrowthPoint{Date: aspnet.MustParseDate(date), Schools: &schools, Basis: aspnet.BasisRecorded}
}

func TestMergeGrowth(t *testing.T) {
	type pt struct {
		date    string
		basis   aspnet.GrowthBasis
		schools int
	}
	P, R := aspnet.BasisPublished, aspnet.BasisRecorded
	tests := []struct {
		name      string
		published []*aspnet.GrowthPoint
		recorded  []*aspnet.GrowthPoint
		want      []pt
	}{
		{"both empty give empty", nil, nil, []pt{}},
		{
			"only published",
			[]*aspnet.GrowthPoint{published("1953", 33), published("1996", 3000)},
			nil,
			[]pt{{"1953", P, 33}, {"1996", P, 3000}},
		},
		{
			"only recorded", nil,
			[]*aspnet.GrowthPoint{recorded("1996", 6)},
			[]pt{{"1996", R, 6}},
		},
		{
			"interleaved by date",
			[]*aspnet.GrowthPoint{published("1953", 33), published("2000", 6000)},
			[]*aspnet.GrowthPoint{recorded("1996", 6), recorded("2003", 8)},
			[]pt{{"1953", P, 33}, {"1996", R, 6}, {"2000", P, 6000}, {"2003", R, 8}},
		},
		{
			"published before recorded on the same date",
			[]*aspnet.GrowthPoint{published("1996", 3000)},
			[]*aspnet.GrowthPoint{recorded("1996", 6)},
			[]pt{{"1996", P, 3000}, {"1996", R, 6}},
		},
		{
			"year before a finer date in that year",
			[]*aspnet.GrowthPoint{published("1996-09", 3000), published("1996-09-24", 3001)},
			[]*aspnet.GrowthPoint{recorded("1996", 6)},
			[]pt{{"1996", R, 6}, {"1996-09", P, 3000}, {"1996-09-24", P, 3001}},
		},
		{
			"same-date points keep their input order within a basis",
			[]*aspnet.GrowthPoint{published("1996", 1), published("1996", 2)},
			[]*aspnet.GrowthPoint{recorded("1996", 3), recorded("1996", 4)},
			[]pt{{"1996", P, 1}, {"1996", P, 2}, {"1996", R, 3}, {"1996", R, 4}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := aspnet.MergeGrowth(tt.published, tt.recorded)
			g := make([]pt, len(got))
			for i, p := range got {
				g[i] = pt{p.Date.String(), p.Basis, *p.Schools}
			}
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("MergeGrowth:\n got %v\nwant %v", g, tt.want)
			}
		})
	}
}

func TestMergeGrowthDoesNotModifyInputs(t *testing.T) {
	pub := []*aspnet.GrowthPoint{published("2000", 1)}
	rec := []*aspnet.GrowthPoint{recorded("1996", 2)}
	pub0, rec0 := pub[0], rec[0]
	aspnet.MergeGrowth(pub, rec)
	if pub[0] != pub0 || rec[0] != rec0 {
		t.Fatal("MergeGrowth reordered its inputs")
	}
}
