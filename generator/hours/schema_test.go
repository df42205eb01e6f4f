package hours

import (
	"reflect"
	"testing"
	"time"
)

func TestOpeningHoursSpecs(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	all := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	for _, tc := range []struct {
		name string
		s    Schedule
		want []OpeningHoursSpec
	}{
		{
			"24/7, closures left out",
			Schedule{Zone: ny, AlwaysOpen: true, Ranges: []Range{{Closed: true, ValidFrom: Date{2026, 12, 25}, ValidTo: Date{2026, 12, 25}}}},
			[]OpeningHoursSpec{{DayOfWeek: all, Opens: "00:00", Closes: "23:59"}},
		},
		{
			"weekly rules",
			Schedule{Zone: ny, Ranges: []Range{
				{Days: []time.Weekday{time.Friday, time.Monday, time.Wednesday}, Opens: 9 * 60, Closes: 19 * 60},
				{Days: []time.Weekday{time.Sunday, time.Saturday}, Opens: 22 * 60, Closes: 6 * 60},
				{Days: []time.Weekday{time.Tuesday}, Opens: 0, Closes: EndOfDay},
			}},
			[]OpeningHoursSpec{
				{DayOfWeek: []string{"Monday", "Wednesday", "Friday"}, Opens: "09:00", Closes: "19:00"},
				{DayOfWeek: []string{"Saturday", "Sunday"}, Opens: "22:00", Closes: "06:00"},
				{DayOfWeek: []string{"Tuesday"}, Opens: "00:00", Closes: "23:59"},
			},
		},
		{
			"validity dates",
			Schedule{Zone: ny, Ranges: []Range{
				{Days: []time.Weekday{time.Monday}, Opens: 600, Closes: 840, ValidFrom: Date{2026, 12, 21}, ValidTo: Date{2026, 12, 24}},
				{Days: []time.Weekday{time.Monday}, Opens: 540, Closes: 1020, ValidFrom: Date{2026, 12, 28}},
			}},
			[]OpeningHoursSpec{
				{DayOfWeek: []string{"Monday"}, Opens: "10:00", Closes: "14:00", ValidFrom: "2026-12-21", ValidThrough: "2026-12-24"},
				{DayOfWeek: []string{"Monday"}, Opens: "09:00", Closes: "17:00", ValidFrom: "2026-12-28"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.OpeningHoursSpecs(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("OpeningHoursSpecs() =\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}
