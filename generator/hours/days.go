package hours

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// dayCodes are the iCalendar BYDAY codes HSDS uses, indexed by time.Weekday.
var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// ParseDays reads an HSDS/iCalendar byday list such as "MO,TU,WE,TH,FR".
// Codes are case-insensitive and may be separated by commas and/or spaces.
// Repeated days are dropped. A blank string gives no days (closures may have
// none; Validate reports opening rules that need some). Errors start with the
// quoted input and suggest the right code, e.g. "MON" -> "MO".
func ParseDays(s string) ([]time.Weekday, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	var days []time.Weekday
	var seen [7]bool
	for _, f := range fields {
		d, err := parseDay(f)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		if !seen[d] {
			seen[d] = true
			days = append(days, d)
		}
	}
	return days, nil
}

const dayCodeHelp = "days are two-letter codes: MO, TU, WE, TH, FR, SA, SU"

func parseDay(f string) (time.Weekday, error) {
	u := strings.ToUpper(f)
	for d, code := range dayCodes {
		if u == code {
			return time.Weekday(d), nil
		}
	}
	if strings.ContainsAny(u[:1], "+-0123456789") {
		return 0, fmt.Errorf("%q is a monthly rule (nth weekday of the month), which is not supported; %s", f, dayCodeHelp)
	}
	for d := range 7 {
		if name := strings.ToUpper(time.Weekday(d).String()); len(u) >= 2 && strings.HasPrefix(name, u) {
			return 0, fmt.Errorf("%q is not a day code; use %q (%s)", f, dayCodes[d], dayCodeHelp)
		}
	}
	return 0, fmt.Errorf("%q is not a day code (%s)", f, dayCodeHelp)
}

// mondayFirst orders weekdays the way people list opening hours.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// mondayIndex is the position of d in mondayFirst.
func mondayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

// dayWords are the words a language names a set of days with.
type dayWords struct {
	name     func(time.Weekday) string
	everyDay string
	run      func(first, last string) string // three or more days in a row
	and      string
}

var daysEN = dayWords{
	name:     time.Weekday.String,
	everyDay: "every day",
	run:      func(first, last string) string { return first + " to " + last },
	and:      " and ",
}

// daysText names a set of days for people: runs of three or more become
// "Monday to Friday", everything else is listed: "Friday and Saturday".
func daysText(days []time.Weekday) string { return daysIn(days, daysEN) }

// daysIn names a set of days in the words w gives.
func daysIn(days []time.Weekday, w dayWords) string {
	var in [7]bool
	n := 0
	for _, d := range days {
		if d >= time.Sunday && d <= time.Saturday && !in[mondayIndex(d)] {
			in[mondayIndex(d)] = true
			n++
		}
	}
	if n == 7 {
		return w.everyDay
	}
	// A run through Sunday into Monday ("Saturday to Monday") reads best
	// starting after the last day that is not in the set.
	start := 0
	if in[0] && in[6] {
		for i := 6; i >= 0; i-- {
			if !in[i] {
				start = i + 1
				break
			}
		}
	}
	var groups []string
	for i := 0; i < 7; i++ {
		if !in[(start+i)%7] {
			continue
		}
		j := i
		for j+1 < 7 && in[(start+j+1)%7] {
			j++
		}
		first, last := w.name(mondayFirst[(start+i)%7]), w.name(mondayFirst[(start+j)%7])
		switch j - i {
		case 0:
			groups = append(groups, first)
		case 1:
			groups = append(groups, first, last)
		default:
			groups = append(groups, w.run(first, last))
		}
		i = j
	}
	return joinWith(groups, w.and)
}

// joinWith lists items with a language's "and": "a, b and c".
func joinWith(items []string, and string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}
