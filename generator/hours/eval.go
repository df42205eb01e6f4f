package hours

import (
	"slices"
	"time"
)

// at returns the instant at which the wall clock in loc first reads c on
// date d. Times repeated by a DST fall-back resolve to their first
// occurrence; times skipped by a spring-forward resolve to the moment of the
// jump (02:30 on a 02:00->03:00 day is 03:00). We do not use time.Date for
// this: its choice is unspecified and in practice depends on the sign of the
// zone's offset. With Go 1.26, New York's skipped 02:30 becomes 01:30 EST
// and its repeated 01:30 the first one, while London's skipped 01:30
// becomes 02:30 BST and its repeated 01:30 the second one.
func at(d Date, c Clock, loc *time.Location) time.Time {
	// The wall time, written down as if it were UTC; the real instant is
	// wall minus the zone's UTC offset at that instant.
	wall := time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, time.UTC)
	// A day either side is far enough to see the offsets on both sides of
	// any transition near this wall time.
	_, offBefore := wall.Add(-24 * time.Hour).In(loc).Zone()
	_, offAfter := wall.Add(24 * time.Hour).In(loc).Zone()
	var first time.Time
	for _, off := range []int{offBefore, offAfter} {
		u := wall.Add(-time.Duration(off) * time.Second)
		if sameWall(u.In(loc), wall) && (first.IsZero() || u.Before(first)) {
			first = u
		}
	}
	if !first.IsZero() {
		return first.In(loc)
	}
	// Skipped by a jump forward. Reading the wall time with the later,
	// larger offset lands just before the jump; that zone period ends at it.
	before := wall.Add(-time.Duration(offAfter) * time.Second).In(loc)
	if _, jump := before.ZoneBounds(); !jump.IsZero() {
		return jump.In(loc)
	}
	return time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, loc)
}

func sameWall(t, wall time.Time) bool {
	return t.Year() == wall.Year() && t.Month() == wall.Month() && t.Day() == wall.Day() &&
		t.Hour() == wall.Hour() && t.Minute() == wall.Minute()
}

// span is a half-open interval of real time [start, end).
type span struct{ start, end time.Time }

func (p span) contains(t time.Time) bool { return !t.Before(p.start) && t.Before(p.end) }

// periods holds the spans of every rule period that starts on a range of
// dates.
type periods struct {
	always       bool
	open, closed []span
}

// periodsFrom collects the periods that start on dates first..last.
func (s Schedule) periodsFrom(first, last Date) periods {
	loc := s.location()
	p := periods{always: s.AlwaysOpen}
	for d := first; !last.before(d); d = d.addDays(1) {
		for _, r := range s.Ranges {
			if !r.appliesOn(d) {
				continue
			}
			sp := span{at(d, r.Opens, loc), at(d, r.Closes, loc)}
			switch {
			case r.wholeDays():
				sp.end = at(d.addDays(1), 0, loc)
			case r.Closes <= r.Opens:
				sp.end = at(d.addDays(1), r.Closes, loc)
			}
			if r.Closed {
				p.closed = append(p.closed, sp)
			} else {
				p.open = append(p.open, sp)
			}
		}
	}
	return p
}

// appliesOn reports whether r has a period starting on date d.
func (r Range) appliesOn(d Date) bool {
	if !r.ValidFrom.IsZero() && d.before(r.ValidFrom) || !r.ValidTo.IsZero() && r.ValidTo.before(d) {
		return false
	}
	return (r.Closed && len(r.Days) == 0) || slices.Contains(r.Days, d.weekday())
}

func (p periods) openAt(t time.Time) bool {
	for _, c := range p.closed {
		if c.contains(t) {
			return false
		}
	}
	if p.always {
		return true
	}
	for _, o := range p.open {
		if o.contains(t) {
			return true
		}
	}
	return false
}

// edges returns every span boundary, sorted: the only instants at which the
// open/closed state can change.
func (p periods) edges() []time.Time {
	var ts []time.Time
	for _, sp := range slices.Concat(p.open, p.closed) {
		ts = append(ts, sp.start, sp.end)
	}
	slices.SortFunc(ts, time.Time.Compare)
	return slices.CompactFunc(ts, time.Time.Equal)
}

// IsOpen reports whether the service is open at t.
func (s Schedule) IsOpen(t time.Time) bool {
	d := dateOf(t.In(s.location()))
	// A period is at most a day long, so only periods starting the day
	// before can reach t; the day after matters only where a DST fall-back
	// at midnight repeats the end of the previous day.
	return s.periodsFrom(d.addDays(-1), d.addDays(1)).openAt(t)
}

// quietDays is how long the schedule must show no change, inside a stretch
// of dates where the same rules apply, before we conclude it never changes
// in that stretch. Two weeks, because the rules repeat weekly and a DST jump
// can swallow a short period on one day of the year.
const quietDays = 15

// Next returns the first instant strictly after t at which the open/closed
// state changes, in the schedule's zone, and the state from then on. If the
// state never changes again, ok is false and open is the state that holds
// forever after t.
//
// The search is bounded: rules repeat weekly between the dates on which some
// rule starts or stops being valid, so Next looks at two weeks after t and
// two weeks after each such date, and no further.
func (s Schedule) Next(t time.Time) (when time.Time, open, ok bool) {
	loc := s.location()
	now := s.IsOpen(t)
	changes := s.validityChanges()
	from := dateOf(t.In(loc))
	for {
		to := from.addDays(quietDays - 1)
		next, more := firstAfter(changes, from)
		if more && !to.before(next) {
			to = next.addDays(-1)
		}
		// Periods starting after `to` begin at or after `end`; those from
		// before from-1 have ended by the first instant of `from`.
		end := at(to.addDays(1), 0, loc)
		p := s.periodsFrom(from.addDays(-1), to)
		for _, e := range p.edges() {
			if e.After(t) && e.Before(end) && p.openAt(e) != now {
				return e.In(loc), !now, true
			}
		}
		if next, more = firstAfter(changes, to); !more {
			return time.Time{}, now, false
		}
		from = next
	}
}

// validityChanges lists, sorted, the dates on which the set of valid rules
// changes: each ValidFrom, and the day after each ValidTo.
func (s Schedule) validityChanges() []Date {
	var ds []Date
	for _, r := range s.Ranges {
		if !r.ValidFrom.IsZero() {
			ds = append(ds, r.ValidFrom)
		}
		if !r.ValidTo.IsZero() {
			ds = append(ds, r.ValidTo.addDays(1))
		}
	}
	slices.SortFunc(ds, func(a, b Date) int { return a.noon().Compare(b.noon()) })
	return slices.Compact(ds)
}

// firstAfter returns the first date in sorted ds that is after d.
func firstAfter(ds []Date, d Date) (Date, bool) {
	for _, x := range ds {
		if d.before(x) {
			return x, true
		}
	}
	return Date{}, false
}
