package hours

import (
	"encoding/json"
	"os"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the host's zoneinfo
)

// vectorFile is testdata/vectors.json, shared with the JavaScript port.
type vectorFile struct {
	Cases []struct {
		Name       string
		Zone       string
		AlwaysOpen bool `json:"always_open"`
		Ranges     []vectorRange
		Checks     []struct {
			At       time.Time
			Open     bool
			Next     *time.Time
			NextOpen bool `json:"next_open"`
		}
	}
}

func TestVectors(t *testing.T) {
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			s := scheduleOf(t, c.Zone, c.AlwaysOpen, c.Ranges)
			for _, ch := range c.Checks {
				if got := s.IsOpen(ch.At); got != ch.Open {
					t.Errorf("IsOpen(%s) = %v, want %v", ch.At, got, ch.Open)
				}
				at, open, ok := s.Next(ch.At)
				switch {
				case ch.Next == nil && (ok || open != ch.Open):
					t.Errorf("Next(%s) = %s, %v, %v; want no change, staying %v", ch.At, at, open, ok, ch.Open)
				case ch.Next != nil && (!ok || !at.Equal(*ch.Next) || open != ch.NextOpen):
					t.Errorf("Next(%s) = %s, %v, %v; want %s, %v", ch.At, at, open, ok, ch.Next.In(s.Zone), ch.NextOpen)
				}
			}
		})
	}
}

// vectorRange is a schedule row of the vectors, with HSDS field names.
type vectorRange struct {
	ByDay     string `json:"byday"`
	OpensAt   string `json:"opens_at"`
	ClosesAt  string `json:"closes_at"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to"`
	Closed    bool
}

// scheduleOf builds and validates the schedule of a vector case.
func scheduleOf(t testing.TB, zone string, always bool, ranges []vectorRange) Schedule {
	t.Helper()
	s := Schedule{Zone: mustZone(t, zone), AlwaysOpen: always}
	for _, r := range ranges {
		var rule Range
		var errs [5]error
		rule.Days, errs[0] = ParseDays(r.ByDay)
		rule.ValidFrom, errs[1] = ParseDate(r.ValidFrom)
		rule.ValidTo, errs[2] = ParseDate(r.ValidTo)
		if r.OpensAt != "" || r.ClosesAt != "" {
			rule.Opens, errs[3] = ParseClock(r.OpensAt)
			rule.Closes, errs[4] = ParseClock(r.ClosesAt)
		}
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		rule.Closed = r.Closed
		s.Ranges = append(s.Ranges, rule)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return s
}

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
