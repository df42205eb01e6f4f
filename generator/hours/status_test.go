package hours

import (
	"testing"
	"time"
	_ "time/tzdata"
)

// TestStatusText pins the clock: the hotline's non-urgent lines (9am–7pm
// Eastern Time, Monday to Friday, a message taken at other times) on a
// weekday by day and by night, at the weekend, and across both DST
// changes; and what a service without an after-hours policy says instead.
func TestStatusText(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	office := Schedule{Zone: ny, Ranges: []Range{{Days: weekdays, Opens: 9 * 60, Closes: 19 * 60}}}
	earlySunday := Schedule{Zone: ny, Ranges: []Range{{Days: []time.Weekday{time.Sunday}, Opens: 2*60 + 30, Closes: 4 * 60}}}
	holiday := Schedule{Zone: ny, Ranges: []Range{
		{Days: weekdays, Opens: 9 * 60, Closes: 19 * 60},
		{Closed: true, ValidFrom: Date{2026, time.December, 21}, ValidTo: Date{2027, time.January, 3}},
	}}
	always := Schedule{Zone: ny, AlwaysOpen: true}
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		name     string
		s        Schedule
		at       string
		messages bool
		want     string
	}{
		{"weekday day", office, "2026-12-02 15:00", true, "Open now · closes 7pm Eastern Time today"},
		{"weekday night", office, "2026-12-02 22:00", true, "Taking messages now; answered from 9am Eastern Time tomorrow"},
		{"weekday night, no messages", office, "2026-12-02 22:00", false, "Closed now · opens 9am Eastern Time tomorrow"},
		{"weekday before opening", office, "2026-12-03 07:15", true, "Taking messages now; answered from 9am Eastern Time today"},
		{"friday evening", office, "2026-12-04 19:00", true, "Taking messages now; answered from 9am Eastern Time, Monday"},
		{"weekend", office, "2026-12-05 12:00", true, "Taking messages now; answered from 9am Eastern Time, Monday"},
		{"weekend, no messages", office, "2026-12-06 23:59", false, "Closed now · opens 9am Eastern Time tomorrow"},
		{"weekend before clocks go forward", office, "2026-03-07 20:00", true, "Taking messages now; answered from 9am Eastern Time, Monday"},
		{"the night clocks go forward", office, "2026-03-08 01:30", true, "Taking messages now; answered from 9am Eastern Time tomorrow"},
		{"a skipped opening time is the jump", earlySunday, "2026-03-08 01:00", false, "Closed now · opens 3am Eastern Time today"},
		{"the night clocks go back", office, "2026-11-01 01:30", true, "Taking messages now; answered from 9am Eastern Time tomorrow"},
		{"open across the change back", earlySunday, "2026-11-01 03:00", false, "Open now · closes 4am Eastern Time today"},
		{"holiday closure: the date", holiday, "2026-12-21 10:00", true, "Taking messages now; answered from 9am Eastern Time, Monday 4 January"},
		{"24/7", always, "2026-12-05 03:00", true, "Open now"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := c.s.StatusAt(at(c.at), c.messages)
			if got := st.Text(English); got != c.want {
				t.Errorf("at %s: %q, want %q", c.at, got, c.want)
			}
		})
	}
}
