package hsds

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"resourcelib/generator/hours"
)

var everyDay = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// zoneOf decides the zone of a schedule row: its own UTC offset (HSDS 3's
// `timezone`, or an offset written on opens_at), read as -timezone's zone
// when that zone has this offset in standard or daylight time; else
// -timezone; else none, with a warning.
func (x *importer) zoneOf(at field, off *float64) *time.Location {
	if off != nil {
		z, err := zoneForOffset(*off, x.opts.Timezone)
		if err != nil {
			x.warn(at, "pass -timezone with the zone's IANA name", "%v: these hours are not imported", err)
			return nil
		}
		return z
	}
	if x.opts.Timezone != nil {
		return x.opts.Timezone
	}
	hint := "pass -timezone with the organizations' IANA zone, such as -timezone America/New_York"
	if x.v3 {
		hint = "HSDS reads such times as UTC, which is rarely what is meant; " + hint
	}
	x.warn(at, hint, "%q gives no time zone, nor does the row: these hours are not imported", at.Value())
	return nil
}

// attach gives a row to the service or location that the CSV row names.
func (x *importer) attach(t *table, r row, sr *schedRow) {
	sf := t.get(r, "service_id")
	if s := x.svcByID[sf.Value()]; s != nil {
		s.rows = append(s.rows, sr)
		return
	}
	if s := x.salByID[t.get(r, "service_at_location_id").Value()]; s != nil {
		s.rows = append(s.rows, sr)
		return
	}
	lf := t.get(r, "location_id")
	if l := x.locByID[lf.Value()]; l != nil {
		l.rows = append(l.rows, sr)
		return
	}
	x.warn(sf, "", "the schedule belongs to no service or location that was imported: left out")
}

// times reads opens_at and closes_at. Midnight to midnight is the whole
// day, and 23:59 as a closing time means until midnight.
func (x *importer) times(t *table, r row, sr *schedRow) (off *float64, ok bool) {
	of, cf := t.get(r, "opens_at"), t.get(r, "closes_at")
	var offC *float64
	var err error
	if sr.opens, off, err = parseTime(of.Value()); err != nil {
		x.warn(of, "write it as 09:00, 9:00 AM or 9am", "`opens_at`: %v: these hours are not imported", blankOr(err, of))
		return nil, false
	}
	if sr.closes, offC, err = parseTime(cf.Value()); err != nil {
		x.warn(cf, "write it as 17:00, 5:00 PM or 5pm", "`closes_at`: %v: these hours are not imported", blankOr(err, cf))
		return nil, false
	}
	if off == nil {
		off = offC
	}
	switch {
	case sr.opens == 0 && sr.closes == 0:
		sr.closes = hours.EndOfDay
	case sr.closes == 23*60+59:
		sr.closes = hours.EndOfDay
	case sr.opens == sr.closes:
		x.warn(cf, "", "the hours open and close at the same time, %s: they are not imported", sr.opens)
		return nil, false
	}
	return off, true
}

func blankOr(err error, f field) error {
	if f.Value() == "" {
		return fmt.Errorf("no time given")
	}
	return err
}

// schedules reads HSDS 3's schedules.csv. The directory's rules repeat
// weekly (or daily), so rows that need more of iCalendar are left out,
// rather than turned into hours that are wrong on some days.
func (x *importer) schedules() {
	t := x.tables["schedules"]
	if t == nil {
		return
	}
rows:
	for _, r := range t.rows {
		sr := &schedRow{at: t.get(r, "opens_at"), desc: strings.TrimSpace(t.get(r, "description").Text() + " " + t.get(r, "notes").Text())}
		for _, c := range []string{"count", "byweekno", "bymonthday", "byyearday"} {
			if f := t.get(r, c); f.Value() != "" {
				x.warn(f, "the directory's hours repeat every week", "`%s` %q cannot be converted: this schedule is not imported", c, f.Value())
				continue rows
			}
		}
		if f := t.get(r, "interval"); f.Value() != "" && f.Value() != "1" {
			x.warn(f, "the directory's hours repeat every week", "`interval` %q cannot be converted: this schedule is not imported", f.Value())
			continue
		}
		freq := t.get(r, "freq")
		switch strings.ToUpper(freq.Value()) {
		case "", "WEEKLY":
		case "DAILY":
			sr.days = everyDay
		default:
			x.warn(freq, "the directory's hours repeat every week", "`freq` %q cannot be converted: this schedule is not imported", freq.Value())
			continue
		}
		for _, c := range []struct {
			name string
			d    *hours.Date
		}{{"valid_from", &sr.from}, {"valid_to", &sr.to}, {"dtstart", nil}, {"until", nil}} {
			f := t.get(r, c.name)
			if f.Value() == "" {
				continue
			}
			d, err := parseDate(f.Value())
			if err != nil {
				x.warn(f, "write a date as 2026-12-25", "`%s`: %v: this schedule is not imported", c.name, err)
				continue rows
			}
			switch c.name {
			case "dtstart":
				if sr.from.IsZero() || sr.from.String() < d.String() {
					sr.from = d
				}
			case "until":
				if sr.to.IsZero() || d.String() < sr.to.String() {
					sr.to = d
				}
			default:
				*c.d = d
			}
		}
		bd := t.get(r, "byday")
		if bd.Value() != "" {
			days, err := hours.ParseDays(bd.Value())
			if err != nil {
				x.warn(bd, "", "`byday` %v: this schedule is not imported", err)
				continue
			}
			sr.days = days
		}
		if of, cf := t.get(r, "opens_at"), t.get(r, "closes_at"); of.Value() == "" && cf.Value() == "" && len(sr.days) == 0 {
			if sr.desc != "" {
				x.warn(t.get(r, "description"), "give byday, opens_at and closes_at", "a schedule with only a description cannot be converted: not imported")
			} else {
				x.warn(of, "give byday, opens_at and closes_at", "the schedule gives no days or times: not imported")
			}
			continue
		}
		if len(sr.days) == 0 {
			x.warn(bd, "list the days, such as MO,TU,WE,TH,FR", "the schedule gives no days: not imported")
			continue
		}
		off, ok := x.times(t, r, sr)
		if !ok {
			continue
		}
		if tz := t.get(r, "timezone"); tz.Value() != "" {
			v, err := strconv.ParseFloat(tz.Value(), 64)
			if err != nil {
				x.warn(tz, "HSDS gives it as a UTC offset in hours, such as -5", "`timezone` %q is not a UTC offset: this schedule is not imported", tz.Value())
				continue
			}
			off, sr.at = &v, tz
		}
		if sr.zone = x.zoneOf(sr.at, off); sr.zone == nil {
			continue
		}
		x.attach(t, r, sr)
	}
}

// regularSchedules reads HSDS 1.0 / Ohana regular_schedules.csv: one
// weekday per row.
func (x *importer) regularSchedules() {
	t := x.tables["regular_schedules"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		wf := t.get(r, "weekday")
		days, err := parseWeekdays(wf.Value())
		if err != nil {
			x.warn(wf, "write a day name (Monday) or a number from 1 (Monday) to 7 (Sunday)", "`weekday`: %v: these hours are not imported", err)
			continue
		}
		sr := &schedRow{at: t.get(r, "opens_at"), days: days}
		off, ok := x.times(t, r, sr)
		if !ok {
			continue
		}
		if sr.zone = x.zoneOf(sr.at, off); sr.zone == nil {
			continue
		}
		x.attach(t, r, sr)
	}
}

// holidaySchedules reads HSDS 1.0 / Ohana holiday_schedules.csv. Closed
// days become closures; special opening hours on holidays are left out,
// because the directory writes them by bounding the regular hours (see
// package hours), which needs a person's judgement.
func (x *importer) holidaySchedules() {
	t := x.tables["holiday_schedules"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		cf := t.get(r, "closed")
		closed, err := parseBool(cf.Value())
		if err != nil {
			x.warn(cf, "", "`closed`: %v: this holiday is not imported", err)
			continue
		}
		if !closed {
			x.warn(cf, "add them by hand: see `go doc ./generator/hours` on special hours", "special hours on holidays cannot be converted: not imported")
			continue
		}
		sr := &schedRow{at: t.get(r, "start_date"), closed: true}
		sf, ef := t.get(r, "start_date"), t.get(r, "end_date")
		if sr.from, err = parseDate(sf.Value()); err != nil {
			x.warn(sf, "write a date as 2026-12-25", "`start_date`: %v: this holiday is not imported", blankOr(err, sf))
			continue
		}
		sr.to = sr.from
		if ef.Value() != "" {
			if sr.to, err = parseDate(ef.Value()); err != nil {
				x.warn(ef, "write a date as 2026-12-25", "`end_date`: %v: this holiday is not imported", err)
				continue
			}
			if sr.to.String() < sr.from.String() {
				x.warn(ef, "", "`end_date` %s is before `start_date` %s: this holiday is not imported", sr.to, sr.from)
				continue
			}
		}
		if sr.zone = x.zoneOf(sr.at, nil); sr.zone == nil {
			continue
		}
		x.attach(t, r, sr)
	}
}

// finish gives locations' hours and languages to their services, names
// the unnamed services, and makes each service's rows a valid schedule.
func (x *importer) finish(o *org) {
	for _, loc := range o.locations {
		if len(loc.services) == 0 {
			for _, sr := range loc.rows {
				x.warn(sr.at, "the directory keeps hours on services", "the location has no service: its hours are not imported")
			}
			if len(loc.languages) > 0 {
				x.warn(loc.languagesField, "the directory keeps languages on services and phones", "the location has no service: its languages are not imported")
			}
			continue
		}
		for _, s := range loc.services {
			for _, sr := range loc.rows {
				c := *sr
				s.rows = append(s.rows, &c)
			}
			for _, code := range loc.languages {
				if !slices.Contains(s.languages, code) {
					s.languages = append(s.languages, code)
				}
			}
		}
	}
	for _, s := range o.services {
		if s.name == "" {
			s.name, s.unnamed = o.name, true
			if len(s.locations) > 0 && s.locations[0].name != "" {
				s.name = s.locations[0].name
			}
			x.warn(s.nameField, "give the service its own name", "`name` is empty: the service is named %q", s.name)
		}
		if s.desc == s.name || s.desc == o.name {
			s.desc = ""
		}
		x.finishRows(s)
		if len(s.rows) > 0 && o.zone == nil {
			o.zone = s.rows[0].zone
		}
	}
}

// finishRows merges rows that differ only in their days, turns a rule of
// every day around the clock into 24/7, keeps one zone per service and
// checks the result as directory.Load will.
func (x *importer) finishRows(s *service) {
	var rows []*schedRow
	for _, sr := range s.rows {
		if len(rows) > 0 && sr.zone.String() != rows[0].zone.String() {
			x.warn(sr.at, "give a service's hours in one time zone", "these hours are in %s, the service's others in %s: not imported", sr.zone, rows[0].zone)
			continue
		}
		merged := false
		for _, m := range rows {
			if !sr.closed && !m.closed && m.opens == sr.opens && m.closes == sr.closes && m.from == sr.from && m.to == sr.to && m.desc == sr.desc {
				for _, d := range sr.days {
					if !slices.Contains(m.days, d) {
						m.days = append(m.days, d)
					}
				}
				merged = true
				break
			}
		}
		if !merged {
			rows = append(rows, sr)
		}
	}
	for _, sr := range rows {
		if !sr.closed && sr.from.IsZero() && sr.to.IsZero() && len(sr.days) == 7 && sr.opens == 0 && sr.closes == hours.EndOfDay {
			// Open around the clock: the other opening rules add nothing.
			kept := []*schedRow{{at: sr.at, always: true, zone: sr.zone, desc: sr.desc}}
			for _, c := range rows {
				if c.closed {
					kept = append(kept, c)
				}
			}
			rows = kept
			break
		}
	}
	sched := hours.Schedule{}
	for _, sr := range rows {
		sched.Zone = sr.zone
		if sr.always {
			sched.AlwaysOpen = true
			continue
		}
		sched.Ranges = append(sched.Ranges, hours.Range{Days: sr.days, Opens: sr.opens, Closes: sr.closes,
			ValidFrom: sr.from, ValidTo: sr.to, Closed: sr.closed})
	}
	if len(rows) > 0 {
		if err := sched.Validate(); err != nil {
			x.warn(rows[0].at, "", "the service's hours are not consistent (%v): none are imported", err)
			rows = nil
		}
	}
	s.rows = rows
}
