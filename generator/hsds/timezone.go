package hsds

import (
	"fmt"
	"math"
	"strings"
	"time"

	"resourcelib/generator/hours"
)

// refYear is the year whose January and July tell a zone's standard and
// daylight-saving offsets when a rule has no dates of its own. Any recent
// year does: it is fixed so that the export does not depend on the clock.
const refYear = 2026

// offsetHours is loc's UTC offset at noon on d, in hours (-5, 5.5).
func offsetHours(loc *time.Location, d hours.Date) float64 {
	_, off := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, loc).Zone()
	return float64(off) / 3600
}

// zoneOffsets returns loc's standard and daylight-saving UTC offsets in
// year, in hours; they are equal in a zone without daylight saving time.
// Standard time is the smaller of the two in both hemispheres.
func zoneOffsets(loc *time.Location, year int) (std, dst float64) {
	jan := offsetHours(loc, hours.Date{Year: year, Month: time.January, Day: 15})
	jul := offsetHours(loc, hours.Date{Year: year, Month: time.July, Day: 15})
	return min(jan, jul), max(jan, jul)
}

// scheduleOffset is the number written in an HSDS schedule's `timezone`
// for a rule valid from..to (zero Dates are unbounded) in loc: the exact
// offset when a bounded rule (a holiday) lies wholly in standard or in
// daylight time, and otherwise the zone's standard-time offset in the
// rule's first year, or in year. HSDS has room for one fixed offset, so a
// rule that runs through a change of the clocks cannot be exact; the notes
// name the IANA zone for readers who can do better.
func scheduleOffset(loc *time.Location, from, to hours.Date, year int) float64 {
	if !from.IsZero() {
		year = from.Year
	}
	std, dst := zoneOffsets(loc, year)
	if std != dst && !from.IsZero() && !to.IsZero() && sameOffsetBetween(loc, from, to) {
		return offsetHours(loc, from)
	}
	return std
}

// sameOffsetBetween reports whether loc keeps one offset from the start of
// from to the end of to, for ranges of up to a year.
func sameOffsetBetween(loc *time.Location, from, to hours.Date) bool {
	start := time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, loc)
	end := time.Date(to.Year, to.Month, to.Day, 23, 59, 0, 0, loc)
	if end.Sub(start) > 366*24*time.Hour {
		return false
	}
	_, off := start.Zone()
	for t := start; t.Before(end); t = t.Add(time.Hour) {
		if _, o := t.Zone(); o != off {
			return false
		}
	}
	_, o := end.Zone()
	return o == off
}

// zoneNote says in words what the offset cannot: which zone the times are
// in, and how its offset changes. exact says that the schedule's timezone
// is the offset in force on all its dates rather than standard time.
func zoneNote(loc *time.Location, year int, exact bool) string {
	std, dst := zoneOffsets(loc, year)
	zone := "the IANA time zone " + loc.String()
	if friendly := hours.ZoneName(loc); friendly != strings.ReplaceAll(loc.String(), "_", " ") {
		zone = friendly + ", IANA time zone " + loc.String()
	}
	if std == dst {
		return fmt.Sprintf("Times are in %s: UTC%s.", zone, formatOffset(std))
	}
	note := fmt.Sprintf("Times are in %s: UTC%s, or UTC%s during daylight saving time.", zone, formatOffset(std), formatOffset(dst))
	if !exact {
		note += " The timezone field gives standard time."
	}
	return note
}

// formatOffset writes an offset in hours as "-05:00" or "+05:30".
func formatOffset(h float64) string {
	sign := "+"
	if h < 0 {
		sign, h = "-", -h
	}
	m := int(math.Round(h * 60))
	return fmt.Sprintf("%s%02d:%02d", sign, m/60, m%60)
}

// zoneForOffset turns an HSDS UTC offset (hours) into an IANA zone for the
// YAML. If prefer (the importer's -timezone) ever has that offset, in
// standard or daylight time, it is the answer: the data then most likely
// means that zone, and unlike a fixed offset it keeps daylight saving time.
// Otherwise a whole-hour offset becomes the fixed zone Etc/GMT-5 style (the
// sign is inverted in those names, by POSIX convention); any other offset
// has no IANA zone of its own and is an error.
func zoneForOffset(h float64, prefer *time.Location) (*time.Location, error) {
	if prefer != nil {
		if std, dst := zoneOffsets(prefer, refYear); h == std || h == dst {
			return prefer, nil
		}
	}
	if h == 0 {
		return time.UTC, nil
	}
	if h != math.Trunc(h) || h < -12 || h > 14 {
		return nil, fmt.Errorf("UTC offset %v has no fixed IANA time zone", h)
	}
	name := fmt.Sprintf("Etc/GMT%+d", int(-h))
	return time.LoadLocation(name)
}
