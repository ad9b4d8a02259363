package aspnet

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a Date its source gives.
type Precision int

// The precisions a Date can have, coarsest first.
const (
	PrecisionYear Precision = iota + 1
	PrecisionMonth
	PrecisionDay
)

// String returns the precision's name as stored in the graph.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "YEAR"
	case PrecisionMonth:
		return "MONTH"
	case PrecisionDay:
		return "DAY"
	default:
		return "UNKNOWN"
	}
}

// Date is a calendar date at the precision its source gives: "1953", "1953-11" or
// "1953-11-23". The zero Date is "no date".
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
}

// ParseDate parses an ISO 8601 calendar date of year, month or day precision. Years run from
// 1 to 9999; anything else, including surrounding spaces, is an error.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: nums[0], Precision: Precision(len(parts))}
	if d.Year < 1 {
		return Date{}, fmt.Errorf("date %q: year 0000 is out of range", s)
	}
	if len(nums) > 1 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, fmt.Errorf("date %q: month %02d is out of range", s, nums[1])
		}
		d.Month = time.Month(nums[1])
	}
	if len(nums) > 2 {
		last := daysIn(d.Year, d.Month)
		if nums[2] < 1 || nums[2] > last {
			return Date{}, fmt.Errorf("date %q: day %02d is out of range for that month", s, nums[2])
		}
		d.Day = nums[2]
	}
	return d, nil
}

// MustParseDate is ParseDate for literals known to be valid; it panics otherwise.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.Precision == 0 }

// String formats d at its own precision.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	default:
		return ""
	}
}

// Start is the first day that d covers: "1996" starts on 1996-01-01.
func (d Date) Start() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return time.Date(d.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, d.Month, 1, 0, 0, 0, 0, time.UTC)
	default:
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	}
}

// End is the last day that d covers: "1996" ends on 1996-12-31.
func (d Date) End() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return time.Date(d.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, d.Month, daysIn(d.Year, d.Month), 0, 0, 0, 0, time.UTC)
	default:
		return d.Start()
	}
}

// Compare orders dates by the first day they cover, then coarser before finer, so that
// "2016" sorts before "2016-09" and "2016-09-24". It returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	if c := d.Start().Compare(o.Start()); c != 0 {
		return c
	}
	switch {
	case d.Precision < o.Precision:
		return -1
	case d.Precision > o.Precision:
		return 1
	}
	return 0
}

// Holding says whether a membership held on a day, as far as its dates, at the precision their
// sources give, can tell.
type Holding string

// The answers of HoldingOn. The rule, the same for asOf filters, growth and the membership
// lists: a membership whose start is known only to the year (or month) has begun for certain
// only at the end of that year (month); on a day within it the membership may or may not have
// begun. Likewise it has ended for certain at the end of its until date's period and may have
// ended on any day within it. Growth counts at the ends of years, where a date of year or
// month precision is never in doubt: a school that joined in "1996" counts from 1996.
const (
	// HeldCertainly: the membership began by the day and had not yet ended.
	HeldCertainly Holding = "HELD"
	// HeldNot: the membership began after the day, or had ended by it.
	HeldNot Holding = "NOT_HELD"
	// HeldJoinedWithin: the day lies within the period of the start date ("1996" on
	// 1996-06-01): the source does not say whether the school had joined by then.
	HeldJoinedWithin Holding = "JOINED_WITHIN"
	// HeldLeftWithin: the day lies within the period of the end date: the source does not say
	// whether the school had left by then.
	HeldLeftWithin Holding = "LEFT_WITHIN"
	// HeldUndated: the membership has no start date, so no day can be placed in it; it is
	// never counted as of a date nor in growth.
	HeldUndated Holding = "UNDATED"
)

// HoldingOn applies the rule of Holding to a membership from since to until (nil: not
// known to have ended) on day (a date's last day, as asOf takes it).
func HoldingOn(since, until *Date, day time.Time) Holding {
	switch {
	case since == nil:
		return HeldUndated
	case day.Before(since.Start()), until != nil && !day.Before(until.End()):
		return HeldNot
	case day.Before(since.End()):
		return HeldJoinedWithin
	case until == nil || day.Before(until.Start()):
		return HeldCertainly
	}
	return HeldLeftWithin
}
