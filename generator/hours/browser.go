package hours

import (
	"encoding/json"
	"strings"
)

// BrowserJSON is the schedule in the form static/js/hours.js reads (the
// shape of testdata/vectors.json): the zone's IANA name, always_open, and
// rows with HSDS field names.
func (s Schedule) BrowserJSON() string {
	type row struct {
		ByDay     string `json:"byday,omitempty"`
		OpensAt   string `json:"opens_at,omitempty"`
		ClosesAt  string `json:"closes_at,omitempty"`
		ValidFrom string `json:"valid_from,omitempty"`
		ValidTo   string `json:"valid_to,omitempty"`
		Closed    bool   `json:"closed,omitempty"`
	}
	v := struct {
		Zone       string `json:"zone"`
		AlwaysOpen bool   `json:"always_open,omitempty"`
		Ranges     []row  `json:"ranges"`
	}{Zone: s.location().String(), AlwaysOpen: s.AlwaysOpen, Ranges: []row{}}
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
