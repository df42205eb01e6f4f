package hours

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// FuzzSchedule builds a schedule of up to two rules from the text an
// organization file gives (zone, days, times, dates), and checks that
// evaluating it never panics or loops, valid or not, and that for a valid
// schedule Next agrees with IsOpen: the change it names is strictly later,
// and the state it gives holds at that instant. Seeded with every case of
// testdata/vectors.json, the schedules the JavaScript port is checked on.
func FuzzSchedule(f *testing.F) {
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		f.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		f.Fatal(err)
	}
	for _, c := range v.Cases {
		at := time.Date(2026, 3, 8, 1, 30, 0, 0, time.UTC)
		if len(c.Checks) > 0 {
			at = c.Checks[0].At
		}
		var r [2]vectorRange
		copy(r[:], c.Ranges)
		f.Add(c.Zone, c.AlwaysOpen, r[0].ByDay, r[0].OpensAt, r[0].ClosesAt, r[0].ValidFrom, r[0].ValidTo, r[0].Closed,
			r[1].ByDay, r[1].OpensAt, r[1].ClosesAt, r[1].Closed, at.Unix())
	}
	f.Fuzz(func(t *testing.T, zone string, always bool, days1, opens1, closes1, from1, to1 string, closed1 bool,
		days2, opens2, closes2 string, closed2 bool, unix int64) {
		loc, err := time.LoadLocation(zone)
		if err != nil || zone == "" || zone == "Local" {
			return
		}
		s := Schedule{Zone: loc, AlwaysOpen: always}
		add := func(days, opens, closes, from, to string, closed bool) bool {
			var r Range
			var errs [5]error
			r.Days, errs[0] = ParseDays(days)
			r.ValidFrom, errs[1] = ParseDate(from)
			r.ValidTo, errs[2] = ParseDate(to)
			if opens != "" || closes != "" {
				r.Opens, errs[3] = ParseClock(opens)
				r.Closes, errs[4] = ParseClock(closes)
			}
			for _, err := range errs {
				if err != nil {
					return false
				}
			}
			r.Closed = closed
			s.Ranges = append(s.Ranges, r)
			return true
		}
		if days1 != "" || opens1 != "" || closed1 {
			if !add(days1, opens1, closes1, from1, to1, closed1) {
				return
			}
		}
		if days2 != "" || opens2 != "" || closed2 {
			if !add(days2, opens2, closes2, "", "", closed2) {
				return
			}
		}
		at := time.Unix(unix%(1<<33), 0) // years 1697 to 2242
		valid := s.Validate() == nil
		open := s.IsOpen(at)
		when, nextOpen, ok := s.Next(at)
		s.Describe()
		s.OpeningHoursSpecs()
		if !valid {
			return
		}
		if ok {
			if !when.After(at) {
				t.Errorf("Next(%v) = %v, not after it", at, when)
			}
			if got := s.IsOpen(when); got != nextOpen {
				t.Errorf("Next(%v) says open=%v from %v, IsOpen then says %v", at, nextOpen, when, got)
			}
		} else if nextOpen != open {
			t.Errorf("Next(%v) says open=%v forever, IsOpen says %v now", at, nextOpen, open)
		}
	})
}
