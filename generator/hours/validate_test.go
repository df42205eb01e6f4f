package hours

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	mon := []time.Weekday{time.Monday}
	xmas := Date{2026, time.December, 25}
	for _, tc := range []struct {
		name string
		s    Schedule
		want []string // each must appear in the error; none means valid
	}{
		{name: "weekdays", s: Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: 540, Closes: 1140}}}},
		{name: "overnight", s: Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: 1320, Closes: 360}}}},
		{name: "whole day", s: Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: 0, Closes: EndOfDay}}}},
		{name: "24/7 with holiday", s: Schedule{Zone: ny, AlwaysOpen: true, Ranges: []Range{{Closed: true, ValidFrom: xmas, ValidTo: xmas}}}},
		{name: "closed Mondays", s: Schedule{Zone: ny, AlwaysOpen: true, Ranges: []Range{{Closed: true, Days: mon}}}},
		{name: "no rules", s: Schedule{Zone: ny}},
		{
			name: "no zone",
			s:    Schedule{AlwaysOpen: true},
			want: []string{"schedule has no time zone: set it to the organization's IANA zone, e.g. America/New_York"},
		},
		{
			name: "no days",
			s:    Schedule{Zone: ny, Ranges: []Range{{Opens: 540, Closes: 1140}}},
			want: []string{"rule 1: no days given; list the days it opens on, e.g. MO,TU,WE,TH,FR"},
		},
		{
			name: "zero length",
			s:    Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: 540, Closes: 540}}},
			want: []string{"rule 1: opens_at and closes_at are both 09:00, so it is never open; for all day use 00:00 to 24:00, for around the clock use 24/7"},
		},
		{
			name: "midnight to midnight",
			s:    Schedule{Zone: ny, Ranges: []Range{{Days: mon}}},
			want: []string{"rule 1: opens_at and closes_at are both 00:00"},
		},
		{
			name: "opens at 24:00",
			s:    Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: EndOfDay, Closes: 60}}},
			want: []string{"rule 1: opens_at is 24:00, which is only valid as a closing time; use 00:00 on the next day"},
		},
		{
			name: "clocks out of range",
			s:    Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: -5, Closes: 1500}}},
			want: []string{
				"rule 1: opens_at is -5 minutes past midnight; expected a time of day from 00:00 to 23:59",
				"rule 1: closes_at is 1500 minutes past midnight; expected a time of day from 00:00 to 24:00",
			},
		},
		{
			name: "bad weekday",
			s:    Schedule{Zone: ny, Ranges: []Range{{Days: []time.Weekday{7}, Opens: 540, Closes: 600}}},
			want: []string{"rule 1: day 7 is not a weekday; expected time.Sunday (0) to time.Saturday (6)"},
		},
		{
			name: "dates reversed",
			s: Schedule{Zone: ny, Ranges: []Range{
				{Days: mon, Opens: 540, Closes: 600},
				{Days: mon, Opens: 540, Closes: 600, ValidFrom: Date{2026, 12, 31}, ValidTo: Date{2026, 12, 1}},
			}},
			want: []string{"rule 2: valid_from 2026-12-31 is after valid_to 2026-12-01; expected valid_from on or before valid_to (both dates are inclusive)"},
		},
		{
			name: "not a calendar date",
			s:    Schedule{Zone: ny, Ranges: []Range{{Days: mon, Opens: 540, Closes: 600, ValidTo: Date{2026, 2, 30}}}},
			want: []string{"rule 1: valid_to 2026-02-30 is not a calendar date; expected YYYY-MM-DD, e.g. 2026-12-25"},
		},
		{
			name: "closure forever",
			s:    Schedule{Zone: ny, AlwaysOpen: true, Ranges: []Range{{Closed: true}}},
			want: []string{"closure rule 1: no days and no dates, so it closes the service every day forever"},
		},
		{
			name: "closure of zero length",
			s:    Schedule{Zone: ny, AlwaysOpen: true, Ranges: []Range{{Closed: true, Days: mon, Opens: 720, Closes: 720}}},
			want: []string{"closure rule 1: opens_at and closes_at are both 12:00"},
		},
		{
			name: "opening rule on a 24/7 schedule",
			s:    Schedule{Zone: ny, AlwaysOpen: true, Ranges: []Range{{Days: mon, Opens: 540, Closes: 600}}},
			want: []string{"rule 1: the schedule is open 24 hours, 7 days, so this opening rule does nothing"},
		},
		{
			name: "reports every problem",
			s:    Schedule{Ranges: []Range{{Opens: 540, Closes: 540}}},
			want: []string{"no time zone", "rule 1: no days", "rule 1: opens_at and closes_at are both 09:00"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Validate()
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want errors containing %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}
