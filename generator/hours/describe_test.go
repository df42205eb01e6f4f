package hours

import (
	"slices"
	"testing"
	"time"
)

func TestDescribe(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	chicago := mustZone(t, "America/Chicago")
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	xmas := Date{2026, time.December, 25}
	for _, tc := range []struct {
		name string
		s    Schedule
		want []string
	}{
		{"24/7", Schedule{Zone: ny, AlwaysOpen: true}, []string{"24 hours, 7 days"}},
		{
			"weekdays",
			Schedule{Zone: ny, Ranges: []Range{{Days: weekdays, Opens: 9 * 60, Closes: 19 * 60}}},
			[]string{"9am–7pm Eastern Time, Monday to Friday"},
		},
		{
			"overnight",
			Schedule{Zone: ny, Ranges: []Range{{Days: []time.Weekday{time.Friday, time.Saturday}, Opens: 22 * 60, Closes: 6 * 60}}},
			[]string{"10pm–6am Eastern Time, Friday and Saturday"},
		},
		{
			"half hours and listed days",
			Schedule{Zone: chicago, Ranges: []Range{{Days: []time.Weekday{time.Friday, time.Monday, time.Wednesday}, Opens: 9*60 + 30, Closes: 17 * 60}}},
			[]string{"9:30am–5pm Central Time, Monday, Wednesday and Friday"},
		},
		{
			"noon, midnight and whole days",
			Schedule{Zone: ny, Ranges: []Range{
				{Days: []time.Weekday{time.Monday}, Opens: 12 * 60, Closes: EndOfDay},
				{Days: []time.Weekday{time.Saturday, time.Sunday}, Opens: 0, Closes: EndOfDay},
				{Days: []time.Weekday{time.Tuesday}, Opens: 0, Closes: 12*60 + 15},
			}},
			[]string{
				"noon–midnight Eastern Time, Monday",
				"24 hours (Eastern Time), Saturday and Sunday",
				"midnight–12:15pm Eastern Time, Tuesday",
			},
		},
		{
			"special hours and closures, closures last",
			Schedule{Zone: ny, Ranges: []Range{
				{Closed: true, ValidFrom: xmas, ValidTo: xmas},
				{Days: weekdays, Opens: 9 * 60, Closes: 17 * 60, ValidTo: Date{2026, time.December, 18}},
				{Days: weekdays[:4], Opens: 10 * 60, Closes: 14 * 60, ValidFrom: Date{2026, time.December, 21}, ValidTo: Date{2026, time.December, 24}},
				{Days: weekdays, Opens: 9 * 60, Closes: 17 * 60, ValidFrom: Date{2026, time.December, 28}},
				{Closed: true, ValidFrom: Date{2026, time.December, 31}, ValidTo: Date{2027, time.January, 1}},
				{Closed: true, Opens: 12 * 60, Closes: 13 * 60, ValidFrom: Date{2026, time.November, 30}, ValidTo: Date{2026, time.December, 4}},
				{Closed: true, Days: []time.Weekday{time.Sunday}, ValidFrom: Date{2026, time.August, 1}},
				{Closed: true, Days: []time.Weekday{time.Friday}, Opens: 22 * 60, Closes: 6 * 60},
			}},
			[]string{
				"9am–5pm Eastern Time, Monday to Friday, until 18 December 2026",
				"10am–2pm Eastern Time, Monday to Thursday, 21–24 December 2026",
				"9am–5pm Eastern Time, Monday to Friday, from 28 December 2026",
				"Closed 25 December 2026",
				"Closed 31 December 2026 – 1 January 2027",
				"Closed noon–1pm Eastern Time, 30 November – 4 December 2026",
				"Closed Sunday, from 1 August 2026",
				"Closed 10pm–6am Eastern Time, Friday",
			},
		},
		{"unknown hours", Schedule{Zone: ny}, nil},
		{
			"zone without a friendly name",
			Schedule{Zone: mustZone(t, "Asia/Kolkata"), Ranges: []Range{{Days: weekdays, Opens: 9*60 + 30, Closes: 17*60 + 30}}},
			[]string{"9:30am–5:30pm Asia/Kolkata, Monday to Friday"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Describe(); !slices.Equal(got, tc.want) {
				t.Errorf("Describe() =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestZoneName(t *testing.T) {
	for _, tc := range []struct{ zone, name, abbrev string }{
		{"America/New_York", "Eastern Time", "ET"},
		{"America/Chicago", "Central Time", "CT"},
		{"America/Denver", "Mountain Time", "MT"},
		{"America/Phoenix", "Mountain Time (Arizona)", "MT"},
		{"America/Los_Angeles", "Pacific Time", "PT"},
		{"America/Anchorage", "Alaska Time", "AKT"},
		{"Pacific/Honolulu", "Hawaii Time", "HT"},
		{"UTC", "UTC", "UTC"},
		{"Europe/London", "Europe/London", "Europe/London"},
		{"America/Argentina/Buenos_Aires", "America/Argentina/Buenos Aires", "America/Argentina/Buenos_Aires"},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			loc := mustZone(t, tc.zone)
			if got := ZoneName(loc); got != tc.name {
				t.Errorf("ZoneName = %q, want %q", got, tc.name)
			}
			if got := ZoneAbbrev(loc); got != tc.abbrev {
				t.Errorf("ZoneAbbrev = %q, want %q", got, tc.abbrev)
			}
		})
	}
	if got := ZoneName(nil); got != "UTC" {
		t.Errorf("ZoneName(nil) = %q, want UTC", got)
	}
}

func TestDescribeSpanish(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	xmas := Date{2026, time.December, 25}
	for _, tc := range []struct {
		name string
		s    Schedule
		want []string
	}{
		{"24/7", Schedule{Zone: ny, AlwaysOpen: true}, []string{"24 horas, 7 días"}},
		{"weekdays", Schedule{Zone: ny, Ranges: []Range{{Days: weekdays, Opens: 9 * 60, Closes: 19 * 60}}},
			[]string{"de 9 a. m. a 7 p. m., hora del Este, de lunes a viernes"}},
		{"overnight", Schedule{Zone: ny, Ranges: []Range{{Days: []time.Weekday{time.Friday, time.Saturday}, Opens: 22 * 60, Closes: 6 * 60}}},
			[]string{"de 10 p. m. a 6 a. m., hora del Este, viernes y sábado"}},
		{"listed days, noon and half hours", Schedule{Zone: ny, Ranges: []Range{
			{Days: []time.Weekday{time.Friday, time.Monday, time.Wednesday}, Opens: 12 * 60, Closes: 17*60 + 30},
			{Days: []time.Weekday{time.Saturday, time.Sunday}, Opens: 0, Closes: EndOfDay},
		}}, []string{
			"de mediodía a 5:30 p. m., hora del Este, lunes, miércoles y viernes",
			"las 24 horas (hora del Este), sábado y domingo",
		}},
		{"special hours and closures", Schedule{Zone: ny, Ranges: []Range{
			{Closed: true, ValidFrom: xmas, ValidTo: xmas},
			{Days: weekdays[:4], Opens: 10 * 60, Closes: 14 * 60, ValidFrom: Date{2026, time.December, 21}, ValidTo: Date{2026, time.December, 24}},
			{Days: weekdays, Opens: 9 * 60, Closes: 17 * 60, ValidFrom: Date{2026, time.December, 28}},
			{Closed: true, ValidFrom: Date{2026, time.December, 31}, ValidTo: Date{2027, time.January, 1}},
			{Closed: true, Days: []time.Weekday{time.Sunday}, ValidFrom: Date{2026, time.August, 1}},
		}}, []string{
			"de 10 a. m. a 2 p. m., hora del Este, de lunes a jueves, del 21 al 24 de diciembre de 2026",
			"de 9 a. m. a 5 p. m., hora del Este, de lunes a viernes, desde el 28 de diciembre de 2026",
			"Cerrado el 25 de diciembre de 2026",
			"Cerrado del 31 de diciembre de 2026 al 1 de enero de 2027",
			"Cerrado domingo, desde el 1 de agosto de 2026",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.DescribeIn("es"); !slices.Equal(got, tc.want) {
				t.Errorf("DescribeIn(es):\n got %q\nwant %q", got, tc.want)
			}
			if got, want := tc.s.DescribeIn("en"), tc.s.Describe(); !slices.Equal(got, want) {
				t.Errorf("DescribeIn(en) = %q, want Describe's %q", got, want)
			}
		})
	}
}
