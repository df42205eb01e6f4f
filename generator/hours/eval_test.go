package hours

import (
	"testing"
	"time"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestWallClockToInstant pins down how wall-clock times become instants,
// especially on the days the clocks change.
func TestWallClockToInstant(t *testing.T) {
	for _, tc := range []struct {
		name string
		zone string
		date Date
		c    Clock
		want string
	}{
		{"NY summer 9am", "America/New_York", Date{2026, 7, 6}, 9 * 60, "2026-07-06T13:00:00Z"},
		{"NY summer 7pm", "America/New_York", Date{2026, 7, 6}, 19 * 60, "2026-07-06T23:00:00Z"},
		{"NY winter 9am", "America/New_York", Date{2026, 1, 5}, 9 * 60, "2026-01-05T14:00:00Z"},
		{"NY winter 7pm", "America/New_York", Date{2026, 1, 5}, 19 * 60, "2026-01-06T00:00:00Z"},
		{"NY 24:00 is next midnight", "America/New_York", Date{2026, 1, 5}, EndOfDay, "2026-01-06T05:00:00Z"},
		{"NY spring forward 01:00 EST", "America/New_York", Date{2026, 3, 8}, 60, "2026-03-08T06:00:00Z"},
		{"NY spring forward 02:00 skipped, jump", "America/New_York", Date{2026, 3, 8}, 120, "2026-03-08T07:00:00Z"},
		{"NY spring forward 02:30 skipped, jump", "America/New_York", Date{2026, 3, 8}, 150, "2026-03-08T07:00:00Z"},
		{"NY spring forward 03:00 EDT", "America/New_York", Date{2026, 3, 8}, 180, "2026-03-08T07:00:00Z"},
		{"NY fall back 01:00 first (EDT)", "America/New_York", Date{2026, 11, 1}, 60, "2026-11-01T05:00:00Z"},
		{"NY fall back 01:30 first (EDT)", "America/New_York", Date{2026, 11, 1}, 90, "2026-11-01T05:30:00Z"},
		{"NY fall back 02:00 EST", "America/New_York", Date{2026, 11, 1}, 120, "2026-11-01T07:00:00Z"},
		{"NY fall back 03:00 EST", "America/New_York", Date{2026, 11, 1}, 180, "2026-11-01T08:00:00Z"},
		{"London spring forward 01:30 skipped, jump", "Europe/London", Date{2026, 3, 29}, 90, "2026-03-29T01:00:00Z"},
		{"London fall back 01:30 first (BST)", "Europe/London", Date{2026, 10, 25}, 90, "2026-10-25T00:30:00Z"},
		{"Phoenix", "America/Phoenix", Date{2026, 7, 6}, 9 * 60, "2026-07-06T16:00:00Z"},
		{"Kolkata", "Asia/Kolkata", Date{2026, 7, 6}, 9 * 60, "2026-07-06T03:30:00Z"},
		// Santiago springs forward at midnight: 00:00 on 2026-09-06 never happens.
		{"Santiago midnight skipped", "America/Santiago", Date{2026, 9, 6}, 0, "2026-09-06T04:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustZone(t, tc.zone)
			got := at(tc.date, tc.c, loc)
			if !got.Equal(utc(tc.want)) {
				t.Errorf("at(%s, %s) = %s, want %s", tc.date, tc.c, got.UTC().Format(time.RFC3339), tc.want)
			}
			if got.Location() != loc {
				t.Errorf("result in %s, want %s", got.Location(), loc)
			}
		})
	}
}

// TestRealDurations checks the lengths of the 01:00–03:00 period on both
// New York clock-change days.
func TestRealDurations(t *testing.T) {
	s := Schedule{Zone: mustZone(t, "America/New_York"), Ranges: []Range{{Days: []time.Weekday{time.Sunday}, Opens: 60, Closes: 180}}}
	for _, tc := range []struct {
		open string
		want time.Duration
	}{
		{"2026-03-08T06:00:00Z", time.Hour},
		{"2026-11-01T05:00:00Z", 3 * time.Hour},
		{"2026-07-05T05:00:00Z", 2 * time.Hour},
	} {
		t.Run(tc.open, func(t *testing.T) {
			closes, open, ok := s.Next(utc(tc.open))
			if !ok || open {
				t.Fatalf("Next = %s, %v, %v; want a close", closes, open, ok)
			}
			if got := closes.Sub(utc(tc.open)); got != tc.want {
				t.Errorf("open for %s, want %s", got, tc.want)
			}
		})
	}
}

func TestNextReturnsScheduleZone(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	s := Schedule{Zone: ny, Ranges: []Range{{Days: []time.Weekday{time.Monday}, Opens: 540, Closes: 1140}}}
	at, _, _ := s.Next(utc("2026-07-06T12:00:00Z"))
	if at.Location() != ny {
		t.Errorf("Next returned a time in %s, want %s", at.Location(), ny)
	}
}

// TestNextIsBounded makes sure Next does not walk every day between
// validity dates: here 200 years of closures that change nothing, then one
// opening at the end of time.
func TestNextIsBounded(t *testing.T) {
	every := []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	far := Date{9999, time.December, 31}
	s := Schedule{Zone: mustZone(t, "America/New_York")}
	for y := 2026; y < 2226; y++ {
		s.Ranges = append(s.Ranges, Range{Closed: true, ValidFrom: Date{y, 6, 1}, ValidTo: Date{y, 6, 2}})
	}
	s.Ranges = append(s.Ranges, Range{Days: every, Opens: 540, Closes: 1020, ValidFrom: far, ValidTo: far})
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	// No clock here (a busy machine would fail it at random): Next must
	// find the far answer, and `make bench`/the test timeout catch a walk
	// day by day to the year 9999.
	at, open, ok := s.Next(utc("2026-01-01T00:00:00Z"))
	if !ok || !open || !at.Equal(utc("9999-12-31T14:00:00Z")) {
		t.Errorf("Next = %s, %v, %v; want 9999-12-31 09:00 EST open", at, open, ok)
	}
}

// TestInvalidSchedulesDoNotPanic covers schedules Validate rejects: the
// answers are unspecified, but the calls must return.
func TestInvalidSchedulesDoNotPanic(t *testing.T) {
	for _, s := range []Schedule{
		{AlwaysOpen: true},
		{Ranges: []Range{{Days: []time.Weekday{time.Monday}, Opens: -100, Closes: 5000}}},
		{Ranges: []Range{{Days: []time.Weekday{42}, Opens: 60, Closes: 60}}},
		{Ranges: []Range{{Closed: true}, {Days: []time.Weekday{time.Monday}, Opens: 60, Closes: 120, ValidFrom: Date{2026, 13, 40}, ValidTo: Date{2026, 1, 1}}}},
	} {
		now := utc("2026-07-06T12:00:00Z")
		s.IsOpen(now)
		s.Next(now)
		s.Describe()
		s.OpeningHoursSpecs()
	}
}
