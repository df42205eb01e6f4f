package hours

import (
	"errors"
	"fmt"
	"time"
)

// Range is one weekly rule, shaped like an HSDS schedule row: on Days, from
// Opens to Closes, in the schedule's zone. See the package documentation for
// the full semantics.
type Range struct {
	// Days are the weekdays on which the period starts. An opening rule
	// needs at least one; a closure with no days applies to every day.
	Days []time.Weekday
	// Opens and Closes bound the period. Closes <= Opens means the period
	// ends the next day. For closures, Opens == Closes == 0 means whole days.
	Opens, Closes Clock
	// ValidFrom and ValidTo (inclusive; zero means unbounded) limit the rule
	// to the periods that start on those dates.
	ValidFrom, ValidTo Date
	// Closed makes this a closure: the service is closed during its periods
	// whatever the other rules say.
	Closed bool
}

// Schedule is a service's opening hours in one time zone.
type Schedule struct {
	// Zone is the organization's IANA time zone. All rules are wall-clock
	// times there. A nil Zone is treated as UTC, but Validate rejects it.
	Zone *time.Location
	// AlwaysOpen means 24 hours a day, 7 days a week; closures still apply.
	AlwaysOpen bool
	// Ranges are the opening rules and closures, in any order.
	Ranges []Range
}

func (s Schedule) location() *time.Location {
	if s.Zone == nil {
		return time.UTC
	}
	return s.Zone
}

// wholeDays reports whether r is a closure of whole calendar days.
func (r Range) wholeDays() bool { return r.Closed && r.Opens == 0 && r.Closes == 0 }

// Validate reports every problem in s, each saying what was expected and how
// to fix it. Rules are numbered from 1, in the order of s.Ranges. IsOpen,
// Next and Describe do not panic or loop on an invalid schedule, but their
// answers are then unspecified.
func (s Schedule) Validate() error {
	var errs []error
	if s.Zone == nil {
		errs = append(errs, errors.New("schedule has no time zone: set it to the organization's IANA zone, e.g. America/New_York"))
	}
	for i, r := range s.Ranges {
		fail := func(format string, args ...any) {
			kind := "rule"
			if r.Closed {
				kind = "closure rule"
			}
			errs = append(errs, fmt.Errorf("%s %d: %s", kind, i+1, fmt.Sprintf(format, args...)))
		}
		if s.AlwaysOpen && !r.Closed {
			fail("the schedule is open 24 hours, 7 days, so this opening rule does nothing; remove it, or turn off 24/7 if these are the real hours")
		}
		switch {
		case r.Opens == EndOfDay:
			fail("opens_at is 24:00, which is only valid as a closing time; use 00:00 on the next day")
		case !r.Opens.valid():
			fail("opens_at is %d minutes past midnight; expected a time of day from 00:00 to 23:59", int(r.Opens))
		}
		if !r.Closes.valid() {
			fail("closes_at is %d minutes past midnight; expected a time of day from 00:00 to 24:00", int(r.Closes))
		}
		if r.Opens == r.Closes && !r.wholeDays() {
			fail("opens_at and closes_at are both %s, so it is never open; for all day use 00:00 to 24:00, for around the clock use 24/7", r.Opens)
		}
		for _, d := range r.Days {
			if d < time.Sunday || d > time.Saturday {
				fail("day %d is not a weekday; expected time.Sunday (0) to time.Saturday (6)", int(d))
			}
		}
		if len(r.Days) == 0 && !r.Closed {
			fail("no days given; list the days it opens on, e.g. MO,TU,WE,TH,FR")
		}
		if r.Closed && len(r.Days) == 0 && r.ValidFrom.IsZero() && r.ValidTo.IsZero() {
			fail("no days and no dates, so it closes the service every day forever; give valid_from/valid_to (e.g. 2026-12-25 for a holiday) or days, or remove the opening rules instead")
		}
		for _, f := range []struct {
			name string
			d    Date
		}{{"valid_from", r.ValidFrom}, {"valid_to", r.ValidTo}} {
			if !f.d.IsZero() && !f.d.valid() {
				fail("%s %s is not a calendar date; expected YYYY-MM-DD, e.g. 2026-12-25", f.name, f.d)
			}
		}
		if !r.ValidFrom.IsZero() && !r.ValidTo.IsZero() && r.ValidTo.before(r.ValidFrom) {
			fail("valid_from %s is after valid_to %s; expected valid_from on or before valid_to (both dates are inclusive)", r.ValidFrom, r.ValidTo)
		}
	}
	return errors.Join(errs...)
}
