package aspnet_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestParseDateAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want aspnet.Date
	}{
		{"year precision", "1953", aspnet.Date{Year: 1953, Precision: aspnet.PrecisionYear}},
		{"month precision", "1953-11", aspnet.Date{Year: 1953, Month: time.November, Precision: aspnet.PrecisionMonth}},
		{"day precision", "2016-09-24", aspnet.Date{Year: 2016, Month: time.September, Day: 24, Precision: aspnet.PrecisionDay}},
		{"leap day in a leap year", "2016-02-29", aspnet.Date{Year: 2016, Month: time.February, Day: 29, Precision: aspnet.PrecisionDay}},
		{"leap day in a year divisible by 400", "2000-02-29", aspnet.Date{Year: 2000, Month: time.February, Day: 29, Precision: aspnet.PrecisionDay}},
		{"first year", "0001", aspnet.Date{Year: 1, Precision: aspnet.PrecisionYear}},
		{"last year", "9999", aspnet.Date{Year: 9999, Precision: aspnet.PrecisionYear}},
		{"last day of the range", "9999-12-31", aspnet.Date{Year: 9999, Month: time.December, Day: 31, Precision: aspnet.PrecisionDay}},
		{"first day of the range", "0001-01-01", aspnet.Date{Year: 1, Month: time.January, Day: 1, Precision: aspnet.PrecisionDay}},
		{"thirty-first of a long month", "1996-12-31", aspnet.Date{Year: 1996, Month: time.December, Day: 31, Precision: aspnet.PrecisionDay}},
		{"thirtieth of a short month", "1996-04-30", aspnet.Date{Year: 1996, Month: time.April, Day: 30, Precision: aspnet.PrecisionDay}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := aspnet.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.IsZero() {
				t.Errorf("ParseDate(%q).IsZero() = true, want false", tt.in)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("ParseDate(%q).String() = %q, want the input back", tt.in, s)
			}
			if m := aspnet.MustParseDate(tt.in); m != got {
				t.Errorf("MustParseDate(%q) = %+v, want %+v", tt.in, m, got)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty string", ""},
		{"leading space", " 1996"},
		{"trailing space", "1996 "},
		{"two-digit year", "96"},
		{"five-digit year", "19960"},
		{"one-digit month", "1996-1"},
		{"month 13", "1996-13"},
		{"month 00", "1996-00"},
		{"February 30", "1996-02-30"},
		{"February 29 in a common year", "2015-02-29"},
		{"February 29 in a century common year", "1900-02-29"},
		{"April 31", "1996-04-31"},
		{"day 00", "1996-09-00"},
		{"one-digit day", "1996-09-2"},
		{"year 0000", "0000"},
		{"year 0000 with month", "0000-01"},
		{"time of day", "1996-09-24T00:00"},
		{"letters", "abcd"},
		{"slash separator", "1996/09"},
		{"plus sign", "+1996"},
		{"minus sign", "-1996"},
		{"sign inside a four-byte year", "+996"},
		{"trailing hyphen", "1996-"},
		{"trailing hyphen after month", "1996-09-"},
		{"four parts", "1996-09-24-01"},
		{"newline", "1996\n"},
		{"non-ASCII digits", "１９９６"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := aspnet.ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %+v, want an error", tt.in, got)
			}
			if got != (aspnet.Date{}) {
				t.Errorf("ParseDate(%q) returned %+v with its error, want the zero Date", tt.in, got)
			}
			if !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
				t.Errorf("ParseDate(%q) error %q does not quote the input", tt.in, err)
			}
		})
	}
}

func TestMustParseDatePanicsOnInvalid(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MustParseDate(\"1996-13\") did not panic")
		}
	}()
	aspnet.MustParseDate("1996-13")
}

func TestDateString(t *testing.T) {
	tests := []struct {
		name string
		d    aspnet.Date
		want string
	}{
		{"zero date is empty", aspnet.Date{}, ""},
		{"year is zero-padded", aspnet.Date{Year: 42, Precision: aspnet.PrecisionYear}, "0042"},
		{"month is zero-padded", aspnet.Date{Year: 1996, Month: time.March, Precision: aspnet.PrecisionMonth}, "1996-03"},
		{"day is zero-padded", aspnet.Date{Year: 1996, Month: time.March, Day: 5, Precision: aspnet.PrecisionDay}, "1996-03-05"},
		{"year precision ignores month and day", aspnet.Date{Year: 1996, Month: time.March, Day: 5, Precision: aspnet.PrecisionYear}, "1996"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestDateIsZero(t *testing.T) {
	if !(aspnet.Date{}).IsZero() {
		t.Error("Date{}.IsZero() = false, want true")
	}
	if aspnet.MustParseDate("1996").IsZero() {
		t.Error(`MustParseDate("1996").IsZero() = true, want false`)
	}
}

func TestPrecisionString(t *testing.T) {
	tests := []struct {
		p    aspnet.Precision
		want string
	}{
		{aspnet.PrecisionYear, "YEAR"},
		{aspnet.PrecisionMonth, "MONTH"},
		{aspnet.PrecisionDay, "DAY"},
		{0, "UNKNOWN"},
		{4, "UNKNOWN"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("Precision(%d).String() = %q, want %q", int(tt.p), got, tt.want)
			}
		})
	}
}

func TestDateStartEnd(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		start, end time.Time
	}{
		{"year covers January 1 to December 31", "1996", day(1996, time.January, 1), day(1996, time.December, 31)},
		{"first year", "0001", day(1, time.January, 1), day(1, time.December, 31)},
		{"last year", "9999", day(9999, time.January, 1), day(9999, time.December, 31)},
		{"January ends on the 31st", "1996-01", day(1996, time.January, 1), day(1996, time.January, 31)},
		{"April ends on the 30th", "1996-04", day(1996, time.April, 1), day(1996, time.April, 30)},
		{"June ends on the 30th", "2021-06", day(2021, time.June, 1), day(2021, time.June, 30)},
		{"September ends on the 30th", "2016-09", day(2016, time.September, 1), day(2016, time.September, 30)},
		{"November ends on the 30th", "1953-11", day(1953, time.November, 1), day(1953, time.November, 30)},
		{"December ends on the 31st", "1953-12", day(1953, time.December, 1), day(1953, time.December, 31)},
		{"leap February ends on the 29th", "2016-02", day(2016, time.February, 1), day(2016, time.February, 29)},
		{"leap February of a 400th year ends on the 29th", "2000-02", day(2000, time.February, 1), day(2000, time.February, 29)},
		{"common February ends on the 28th", "2015-02", day(2015, time.February, 1), day(2015, time.February, 28)},
		{"February of a century common year ends on the 28th", "1900-02", day(1900, time.February, 1), day(1900, time.February, 28)},
		{"day starts and ends on itself", "2016-09-24", day(2016, time.September, 24), day(2016, time.September, 24)},
		{"leap day starts and ends on itself", "2016-02-29", day(2016, time.February, 29), day(2016, time.February, 29)},
		{"last day of the range", "9999-12-31", day(9999, time.December, 31), day(9999, time.December, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := aspnet.MustParseDate(tt.in)
			if got := d.Start(); !got.Equal(tt.start) || got.Location() != time.UTC {
				t.Errorf("%s.Start() = %v, want %v", tt.in, got, tt.start)
			}
			if got := d.End(); !got.Equal(tt.end) || got.Location() != time.UTC {
				t.Errorf("%s.End() = %v, want %v", tt.in, got, tt.end)
			}
		})
	}
}

func TestDateCompare(t *testing.T) {
	ascending := []string{"2016", "2016-01", "2016-01-01", "2016-09", "2016-09-24", "2016-09-25", "2016-12-31", "2017"}
	for i, a := range ascending {
		for j, b := range ascending {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			name := map[int]string{-1: "less", 0: "equal", 1: "greater"}[want]
			t.Run(a+" "+name+" "+b, func(t *testing.T) {
				if got := aspnet.MustParseDate(a).Compare(aspnet.MustParseDate(b)); got != want {
					t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
				}
			})
		}
	}
}

func TestDateCompareSpecified(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"year before its month", "2016", "2016-09", -1},
		{"month before its day", "2016-09", "2016-09-24", -1},
		{"day before next day", "2016-09-24", "2016-09-25", -1},
		{"last day of year before next year", "2016-12-31", "2017", -1},
		{"month after the year it is in", "2016-09", "2016", 1},
		{"later year after earlier day", "2017", "2016-09-25", 1},
		{"equal years", "2016", "2016", 0},
		{"equal months", "2016-09", "2016-09", 0},
		{"equal days", "2016-09-24", "2016-09-24", 0},
		{"year 1 before year 9999", "0001", "9999", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := aspnet.MustParseDate(tt.a), aspnet.MustParseDate(tt.b)
			if got := a.Compare(b); got != tt.want {
				t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := b.Compare(a); got != -tt.want {
				t.Errorf("%s.Compare(%s) = %d, want %d (antisymmetry)", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

// randomDate draws a valid date; years come from a narrow band so that many dates share a
// year or month and the coarser-before-finer rule is exercised.
func randomDate(r *rand.Rand) aspnet.Date {
	var y int
	if r.IntN(10) == 0 {
		y = 1 + r.IntN(9999)
	} else {
		y = 1995 + r.IntN(4)
	}
	d := aspnet.Date{Year: y, Precision: aspnet.Precision(1 + r.IntN(3))}
	if d.Precision >= aspnet.PrecisionMonth {
		d.Month = time.Month(1 + r.IntN(12))
	}
	if d.Precision == aspnet.PrecisionDay {
		last := time.Date(y, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		d.Day = 1 + r.IntN(last)
	}
	return d
}

func TestDateCompareMatchesStringOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1953, 1123))
	for round := range 50 {
		dates := make([]aspnet.Date, 400)
		for i := range dates {
			dates[i] = randomDate(r)
		}
		r.Shuffle(len(dates), func(i, j int) { dates[i], dates[j] = dates[j], dates[i] })

		byCompare := slices.Clone(dates)
		slices.SortFunc(byCompare, aspnet.Date.Compare)
		got := make([]string, len(byCompare))
		for i, d := range byCompare {
			got[i] = d.String()
		}

		want := make([]string, len(dates))
		for i, d := range dates {
			want[i] = d.String()
		}
		slices.Sort(want)

		if !slices.Equal(got, want) {
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("round %d: sorted by Compare differs from string order at %d: %q vs %q", round, i, got[i], want[i])
				}
			}
		}
		// Compare must agree with strings.Compare pair by pair, not only after sorting.
		for i := 0; i+1 < len(dates); i++ {
			a, b := dates[i], dates[i+1]
			if got, want := a.Compare(b), strings.Compare(a.String(), b.String()); got != want {
				t.Fatalf("%s.Compare(%s) = %d, string order says %d", a, b, got, want)
			}
		}
		// Every generated date parses back to itself.
		for _, d := range dates {
			if p, err := aspnet.ParseDate(d.String()); err != nil || p != d {
				t.Fatalf("ParseDate(%q) = %+v, %v; want %+v", d.String(), p, err, d)
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"1953", "1953-11", "2016-09-24", "2016-02-29", "2015-02-29", "0000", "0001", "9999-12-31",
		"", " 1996", "96", "1996-1", "1996-13", "1996-00", "1996-02-30", "1996-09-24T00:00",
		"abcd", "1996/09", "+1996", "1996-", "1996-09-24-01", "１９９６",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := aspnet.ParseDate(s)
		if err != nil {
			if d != (aspnet.Date{}) {
				t.Fatalf("ParseDate(%q) returned %+v with error %v", s, d, err)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("ParseDate(%q) succeeded with a zero Date", s)
		}
		if d.Year < 1 || d.Year > 9999 {
			t.Fatalf("ParseDate(%q) year %d out of 1..9999", s, d.Year)
		}
		if got := d.String(); got != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, got)
		}
		again, err := aspnet.ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %+v, %v; want %+v", d.String(), again, err, d)
		}
		if d.Start().After(d.End()) {
			t.Fatalf("%s: Start %v after End %v", s, d.Start(), d.End())
		}
		if d.Compare(d) != 0 {
			t.Fatalf("%s.Compare(itself) = %d", s, d.Compare(d))
		}
	})
}

func TestHoldingOn(t *testing.T) {
	d := func(s string) *aspnet.Date { v := aspnet.MustParseDate(s); return &v }
	day := func(s string) time.Time { return aspnet.MustParseDate(s).End() }
	for _, tc := range []struct {
		name         string
		since, until *aspnet.Date
		on           string
		want         aspnet.Holding
	}{
		{"YearBeforeItsYear", d("1996"), nil, "1995-12-31", aspnet.HeldNot},
		{"YearOnItsFirstDay", d("1996"), nil, "1996-01-01", aspnet.HeldJoinedWithin},
		{"YearWithinItsYear", d("1996"), nil, "1996-06-01", aspnet.HeldJoinedWithin},
		{"YearOnItsLastDay", d("1996"), nil, "1996-12-31", aspnet.HeldCertainly},
		{"YearAsOfItsYear", d("1996"), nil, "1996", aspnet.HeldCertainly},
		{"YearAsOfAMonthOfIt", d("1996"), nil, "1996-11", aspnet.HeldJoinedWithin},
		{"YearAsOfItsLastMonth", d("1996"), nil, "1996-12", aspnet.HeldCertainly},
		{"MonthWithinItsMonth", d("1996-09"), nil, "1996-09-15", aspnet.HeldJoinedWithin},
		{"MonthOnItsLastDay", d("1996-09"), nil, "1996-09-30", aspnet.HeldCertainly},
		{"DayOnItsDay", d("1996-09-24"), nil, "1996-09-24", aspnet.HeldCertainly},
		{"DayTheDayBefore", d("1996-09-24"), nil, "1996-09-23", aspnet.HeldNot},
		{"LeftYearBeforeItsYear", d("1996"), d("2005"), "2004-12-31", aspnet.HeldCertainly},
		{"LeftYearWithinItsYear", d("1996"), d("2005"), "2005-01-01", aspnet.HeldLeftWithin},
		{"LeftYearOnItsLastDay", d("1996"), d("2005"), "2005-12-31", aspnet.HeldNot},
		{"LeftDayOnItsDay", d("1996"), d("2005-03-10"), "2005-03-10", aspnet.HeldNot},
		{"JoinedAndLeftWithinAYear", d("1996"), d("1996-05"), "1996-06-01", aspnet.HeldNot},
		{"Undated", nil, nil, "2000", aspnet.HeldUndated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := aspnet.HoldingOn(tc.since, tc.until, day(tc.on)); got != tc.want {
				t.Errorf("HoldingOn(%v, %v, %s) = %s, want %s", tc.since, tc.until, tc.on, got, tc.want)
			}
		})
	}
}
