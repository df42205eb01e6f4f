package hours

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Clock is a wall-clock time of day in minutes since midnight, from 0
// ("00:00") to 1440 ("24:00"). 1440 is only meaningful as a closing time: it
// means "until the end of the day".
type Clock int

// EndOfDay is "24:00", the closing time of a rule that runs to midnight.
const EndOfDay Clock = 24 * 60

// ParseClock reads a 24-hour time of day: "09:00", "9:00", "19:30", "24:00",
// or with zero seconds as in HSDS data, "09:00:00". A blank string is an
// error. Errors start with the quoted input so callers can prefix the field
// name: fmt.Errorf("opens_at %w", err) reads
// `opens_at "25:00": expected a time of day as HH:MM, from 00:00 to 24:00`.
func ParseClock(s string) (Clock, error) {
	in := strings.TrimSpace(s)
	parts := strings.Split(in, ":")
	h, hok := digits(parts[0], 1, 2)
	ok := hok && (len(parts) == 2 || len(parts) == 3)
	var m int
	if ok {
		m, ok = digits(parts[1], 2, 2)
	}
	if ok && len(parts) == 3 {
		if sec, sok := digits(parts[2], 2, 2); !sok || sec != 0 {
			return 0, fmt.Errorf("%q: expected whole minutes, as HH:MM or HH:MM:00", s)
		}
	}
	if !ok || m > 59 || h > 24 || (h == 24 && m != 0) {
		hint := ""
		if l := strings.ToLower(in); strings.HasSuffix(l, "am") || strings.HasSuffix(l, "pm") {
			hint = " (24-hour clock: write 9pm as 21:00)"
		}
		return 0, fmt.Errorf("%q: expected a time of day as HH:MM, from 00:00 to 24:00%s", s, hint)
	}
	return Clock(h*60 + m), nil
}

// digits parses an unsigned decimal of min..max digits; strconv alone would
// accept signs and any length.
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// String formats c as "HH:MM", e.g. "09:00" or "24:00".
func (c Clock) String() string {
	return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60)
}

func (c Clock) valid() bool { return c >= 0 && c <= EndOfDay }

// Date is a civil (calendar) date with no time zone. The zero Date means
// "not set", which for ValidFrom and ValidTo means unbounded.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads an ISO 8601 calendar date, "2026-12-25". A blank string
// gives the zero Date, so optional valid_from/valid_to fields can be passed
// straight through. Errors start with the quoted input, like ParseClock's.
func ParseDate(s string) (Date, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, in)
	if err != nil {
		return Date{}, fmt.Errorf("%q: expected a calendar date as YYYY-MM-DD, e.g. 2026-12-25", s)
	}
	return dateOf(t), nil
}

// String formats d as "2026-12-25".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

func dateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// noon is used for calendar arithmetic; UTC has no DST, so adding days to it
// never lands on a different date than intended.
func (d Date) noon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

func (d Date) addDays(n int) Date { return dateOf(d.noon().AddDate(0, 0, n)) }

func (d Date) weekday() time.Weekday { return d.noon().Weekday() }

func (d Date) before(e Date) bool { return d.noon().Before(e.noon()) }

// valid reports whether d names a real calendar day (time.Date would
// silently turn 2026-02-30 into March 2).
func (d Date) valid() bool { return dateOf(d.noon()) == d }
