package hours

import (
	"encoding/json"
	"strings"
	"time"
)

// BrowserJSON is the schedule in the form static/js/hours.js reads (the
// shape of testdata/vectors.json): the zone's IANA name, always_open, and
// rows with HSDS field names.
func (s Schedule) BrowserJSON() string { return s.browserJSON(nil) }

// BrowserJSONAt is BrowserJSON with the zone's UTC offsets over the years
// around now (from the start of the year before to the end of the second
// year after) as "offsets": [start, offset, change, offset, ..., end], in
// Unix seconds and seconds east of UTC. With them hours.js reads wall
// clocks by arithmetic: creating an Intl.DateTimeFormat for a time zone
// takes a cheap phone tens of milliseconds at load. Outside those years
// it asks Intl, as without them.
func (s Schedule) BrowserJSONAt(now time.Time) string {
	loc := s.location()
	from := time.Date(now.Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(now.Year()+3, time.January, 1, 0, 0, 0, 0, time.UTC)
	return s.browserJSON(offsetTable(loc, from, to))
}

// offsetTable lists loc's offsets from from to to: [from, offset, change,
// offset, ..., to].
func offsetTable(loc *time.Location, from, to time.Time) []int64 {
	table := []int64{from.Unix()}
	for t := from; ; {
		_, off := t.In(loc).Zone()
		table = append(table, int64(off))
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() || !end.Before(to) || !end.After(t) {
			break
		}
		table = append(table, end.Unix())
		t = end
	}
	return append(table, to.Unix())
}

func (s Schedule) browserJSON(offsets []int64) string {
	type row struct {
		ByDay     string `json:"byday,omitempty"`
		OpensAt   string `json:"opens_at,omitempty"`
		ClosesAt  string `json:"closes_at,omitempty"`
		ValidFrom string `json:"valid_from,omitempty"`
		ValidTo   string `json:"valid_to,omitempty"`
		Closed    bool   `json:"closed,omitempty"`
	}
	v := struct {
		Zone       string  `json:"zone"`
		AlwaysOpen bool    `json:"always_open,omitempty"`
		Ranges     []row   `json:"ranges"`
		Offsets    []int64 `json:"offsets,omitempty"`
	}{Zone: s.location().String(), AlwaysOpen: s.AlwaysOpen, Ranges: []row{}, Offsets: offsets}
	for _, r := range s.Ranges {
		var days []string
		for _, d := range r.Days {
			days = append(days, dayCodes[d%7])
		}
		x := row{ByDay: strings.Join(days, ","), Closed: r.Closed}
		if !r.wholeDays() {
			x.OpensAt, x.ClosesAt = r.Opens.String(), r.Closes.String()
		}
		if !r.ValidFrom.IsZero() {
			x.ValidFrom = r.ValidFrom.String()
		}
		if !r.ValidTo.IsZero() {
			x.ValidTo = r.ValidTo.String()
		}
		v.Ranges = append(v.Ranges, x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
