package hours

import (
	"slices"
	"time"
)

// OpeningHoursSpec is the data for one schema.org OpeningHoursSpecification.
// Times are wall-clock times in the schedule's zone, which schema.org
// leaves implied by the place; the renderer turns this into markup.
type OpeningHoursSpec struct {
	// DayOfWeek holds schema.org DayOfWeek names, "Monday" to "Sunday",
	// Monday first.
	DayOfWeek []string
	// Opens and Closes are "HH:MM". Closes is earlier than Opens when the
	// hours run past midnight, and "23:59" for hours that run to midnight,
	// as schema.org has no "24:00".
	Opens, Closes string
	// ValidFrom and ValidThrough are "YYYY-MM-DD", or "" when unbounded.
	ValidFrom, ValidThrough string
}

// OpeningHoursSpecs returns one spec per opening rule, in order; a 24/7
// schedule gives a single spec for all seven days, 00:00 to 23:59.
// Closures are left out: schema.org consumers disagree on how to read
// closures, and a missing holiday is better than a wrong one.
func (s Schedule) OpeningHoursSpecs() []OpeningHoursSpec {
	var specs []OpeningHoursSpec
	if s.AlwaysOpen {
		specs = append(specs, OpeningHoursSpec{DayOfWeek: schemaDays(mondayFirst[:]), Opens: "00:00", Closes: "23:59"})
	}
	for _, r := range s.Ranges {
		if r.Closed {
			continue
		}
		spec := OpeningHoursSpec{DayOfWeek: schemaDays(r.Days), Opens: r.Opens.String(), Closes: r.Closes.String()}
		if r.Closes == EndOfDay {
			spec.Closes = "23:59"
		}
		if !r.ValidFrom.IsZero() {
			spec.ValidFrom = r.ValidFrom.String()
		}
		if !r.ValidTo.IsZero() {
			spec.ValidThrough = r.ValidTo.String()
		}
		specs = append(specs, spec)
	}
	return specs
}

func schemaDays(days []time.Weekday) []string {
	sorted := slices.Clone(days)
	slices.SortFunc(sorted, func(a, b time.Weekday) int { return mondayIndex(a) - mondayIndex(b) })
	var names []string
	for _, d := range slices.Compact(sorted) {
		names = append(names, d.String())
	}
	return names
}
