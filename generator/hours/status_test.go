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

// TestStatusTextSpanish is TestStatusText on a Spanish page: the hour with
// its article (la 1, las 9, mediodía), the zone's Spanish name, and the day
// as Spanish says it, with the labels of layouts/i18n/es.yaml.
func TestStatusTextSpanish(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	office := Schedule{Zone: ny, Ranges: []Range{{Days: weekdays, Opens: 9 * 60, Closes: 19 * 60}}}
	afternoon := Schedule{Zone: ny, Ranges: []Range{{Days: weekdays, Opens: 13*60 + 30, Closes: 12 * 60}}}
	noon := Schedule{Zone: ny, Ranges: []Range{{Days: weekdays, Opens: 12 * 60, Closes: 17 * 60}}}
	holiday := Schedule{Zone: ny, Ranges: []Range{
		{Days: weekdays, Opens: 9 * 60, Closes: 19 * 60},
		{Closed: true, ValidFrom: Date{2026, time.December, 21}, ValidTo: Date{2027, time.January, 3}},
	}}
	es := spanishLabels(t)
	for _, c := range []struct {
		name, at string
		s        Schedule
		messages bool
		want     string
	}{
		{"weekday day", "2026-12-02 15:00", office, true, "Abierto ahora · cierra a las 7 p. m., hora del Este, hoy"},
		{"weekday night", "2026-12-02 22:00", office, true, "Se reciben mensajes ahora; se responden desde las 9 a. m., hora del Este, mañana"},
		{"weekday night, no messages", "2026-12-02 22:00", office, false, "Cerrado ahora · abre a las 9 a. m., hora del Este, mañana"},
		{"weekend", "2026-12-05 12:00", office, true, "Se reciben mensajes ahora; se responden desde las 9 a. m., hora del Este, el lunes"},
		{"one o'clock takes la", "2026-12-02 13:00", afternoon, false, "Cerrado ahora · abre a la 1:30 p. m., hora del Este, hoy"},
		{"noon has no article", "2026-12-02 08:00", noon, false, "Cerrado ahora · abre a mediodía, hora del Este, hoy"},
		{"the night clocks go forward", "2026-03-08 01:30", office, true, "Se reciben mensajes ahora; se responden desde las 9 a. m., hora del Este, mañana"},
		{"holiday closure: the date", "2026-12-21 10:00", holiday, true, "Se reciben mensajes ahora; se responden desde las 9 a. m., hora del Este, el lunes 4 de enero"},
	} {
		t.Run(c.name, func(t *testing.T) {
			at, err := time.ParseInLocation("2006-01-02 15:04", c.at, ny)
			if err != nil {
				t.Fatal(err)
			}
			st := c.s.StatusAt(at, c.messages)
			if got := st.TextIn("es", es); got != c.want {
				t.Errorf("at %s: %q, want %q", c.at, got, c.want)
			}
			if got, want := st.TextIn("fr", English), st.Text(English); got != want {
				t.Errorf("TextIn(fr) = %q, want English %q", got, want)
			}
		})
	}
}

// TestOffsetTable checks BrowserJSONAt's table against Go's own zone
// rules at every hour of its years, and that it ends where it says.
func TestOffsetTable(t *testing.T) {
	for _, name := range []string{"America/New_York", "America/Phoenix", "Australia/Lord_Howe", "UTC"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)
		tab := offsetTable(loc, from, to)
		if len(tab)%2 != 1 || tab[0] != from.Unix() || tab[len(tab)-1] != to.Unix() {
			t.Fatalf("%s: table %v does not run from %v to %v", name, tab, from, to)
		}
		for u := from; u.Before(to); u = u.Add(time.Hour) {
			sec, i := u.Unix(), 2
			for i < len(tab)-1 && tab[i] <= sec {
				i += 2
			}
			if _, off := u.In(loc).Zone(); int64(off) != tab[i-1] {
				t.Fatalf("%s at %v: table says %d, Go %d", name, u, tab[i-1], off)
			}
		}
	}
}
