package hsds

import (
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the host's zoneinfo

	"resourcelib/generator/hours"
)

func TestParseTime(t *testing.T) {
	off := func(h float64) *float64 { return &h }
	for _, tc := range []struct {
		in   string
		want hours.Clock
		off  *float64
	}{
		{"9:30", 9*60 + 30, nil},
		{"09:00", 9 * 60, nil},
		{"10:00:00", 10 * 60, nil},
		{"5:00 PM", 17 * 60, nil},
		{"5pm", 17 * 60, nil},
		{"5 p.m.", 17 * 60, nil},
		{"12:00 AM", 0, nil},
		{"12pm", 12 * 60, nil},
		{"1700", 17 * 60, nil},
		{"5:00", 5 * 60, nil}, // no am or pm: a 24-hour time
		{"24:00", hours.EndOfDay, nil},
		{"noon", 12 * 60, nil},
		{"09:00-05:00", 9 * 60, off(-5)},
		{"09:00Z", 9 * 60, off(0)},
		{"09:00+0530", 9 * 60, off(5.5)},
		{"9am-04", 9 * 60, off(-4)},
	} {
		got, gotOff, err := parseTime(tc.in)
		if err != nil || got != tc.want || (gotOff == nil) != (tc.off == nil) || (gotOff != nil && *gotOff != *tc.off) {
			t.Errorf("parseTime(%q) = %v, %v, %v; want %v, %v", tc.in, got, ptr(gotOff), err, tc.want, ptr(tc.off))
		}
	}
	for _, bad := range []string{"", "9", "9-5", "17", "25:00", "13pm", "0am", "9:60", "closed", "by appointment", "09:00+15:00"} {
		if got, _, err := parseTime(bad); err == nil {
			t.Errorf("parseTime(%q) = %v, want an error", bad, got)
		}
	}
}

func ptr(f *float64) any {
	if f == nil {
		return "nil"
	}
	return *f
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2014-12-24": "2014-12-24", "12/24/2014": "2014-12-24", "1/1/2015": "2015-01-01", "3/1/15": "2015-03-01",
		"2023-03-15T10:30:45.123Z": "2023-03-15", "2016/2/29": "2016-02-29",
	} {
		if got, err := parseDate(in); err != nil || got.String() != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "24/12/2014", "2015-02-29", "Christmas", "2014-13-01"} {
		if got, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) = %v, want an error", bad, got)
		}
	}
}

func TestParseWeekdays(t *testing.T) {
	for in, want := range map[string]string{
		"Monday": "MO", "mon": "MO", "Tues": "TU", "Thursdays": "TH", "1": "MO", "7": "SU", "0": "SU",
		"Mon, Wed": "MO,WE", "Monday-Friday": "MO,TU,WE,TH,FR", "Fri-Mon": "MO,FR,SA,SU", "sa & su": "SA,SU",
	} {
		got, err := parseWeekdays(in)
		if err != nil || byday(got) != want {
			t.Errorf("parseWeekdays(%q) = %s, %v; want %s", in, byday(got), err, want)
		}
	}
	for _, bad := range []string{"", "8", "-1", "M", "Funday", "weekdays"} {
		if got, err := parseWeekdays(bad); err == nil {
			t.Errorf("parseWeekdays(%q) = %v, want an error", bad, got)
		}
	}
}

// TestCleanPhone covers the messy numbers of the Lexington data and the
// stray-area-code rule.
func TestCleanPhone(t *testing.T) {
	for _, tc := range []struct {
		in, typ, prefix string
		want, shown     string
		note            bool
	}{
		{"270/843-9130", "voice", "", "+12708439130", "270-843-9130", false},
		{"(859) 1-800-928-8000", "voice", "", "+18009288000", "1-800-928-8000", true},
		{"(606)-526-9552", "voice", "", "+16065269552", "606-526-9552", false},
		{"800.713.0954", "voice", "", "+18007130954", "1-800-713-0954", false},
		{"2706890073", "voice", "1", "+12706890073", "270-689-0073", false},
		{"(888)982-1244", "voice", "", "+18889821244", "1-888-982-1244", false},
		{`"+44 1234 234567"`, "voice", "", "+441234234567", "+44 1234 234567", false},
		{"20 7946 0000", "voice", "44", "+442079460000", "+44 20 7946 0000", false},
		{"233733", "text", "", "233733", "233733", false},
		{"711", "tty", "", "711", "711", false},
	} {
		got, note, err := cleanPhone(tc.in, tc.typ, tc.prefix)
		if err != nil || got != tc.want || (note != "") != tc.note || formatPhone(got) != tc.shown {
			t.Errorf("cleanPhone(%q) = %q (%q), note %q, %v; want %q (%q), note %v", tc.in, got, formatPhone(got), note, err, tc.want, tc.shown, tc.note)
		}
	}
	// An area code before a number that is not toll-free is not a stray:
	// which of the two is meant cannot be known.
	for _, bad := range []string{"", "555-01", "(859) 270-843-9130", "(859) 1-800-928", "call us", "233733"} {
		if got, _, err := cleanPhone(bad, "voice", ""); err == nil {
			t.Errorf("cleanPhone(%q) = %q, want an error", bad, got)
		}
	}
}

func TestCleanExtension(t *testing.T) {
	for in, want := range map[string]string{"Ext 1146; 1268": "1146; 1268", "x204": "204", "ext. 12": "12", "100": "100", "100.0": "100", "": ""} {
		if got := cleanExtension(in); got != want {
			t.Errorf("cleanExtension(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Shepherd's House Inc.":                         "shepherds-house-inc",
		"Adams & Associates":                            "adams-and-associates",
		"Lifeskills, Inc. - Park Place Recovery Center": "lifeskills-inc-park-place-recovery-center",
		"Bluegrass.org":                                 "bluegrass-org",
		"Centro de Apoyo Mújer":                         "centro-de-apoyo-mujer",
		"   ":                                           "organization",
		"Volunteers of America's Homless Veterans Transitional Treatment Program (HVTTP)": "volunteers-of-americas-homless-veterans-transitional",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestZoneForOffset(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		off    float64
		prefer *time.Location
		want   string
	}{
		{-5, ny, "America/New_York"}, // standard time
		{-4, ny, "America/New_York"}, // daylight time
		{-6, ny, "Etc/GMT+6"},        // not New York's
		{3, nil, "Etc/GMT-3"},
		{0, nil, "UTC"},
	} {
		got, err := zoneForOffset(tc.off, tc.prefer)
		if err != nil || got.String() != tc.want {
			t.Errorf("zoneForOffset(%v, %v) = %v, %v; want %s", tc.off, tc.prefer, got, err, tc.want)
		}
	}
	if z, err := zoneForOffset(5.5, nil); err == nil {
		t.Errorf("zoneForOffset(5.5) = %v, want an error: no fixed IANA zone has it", z)
	}
}

func TestScheduleOffset(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	sydney, _ := time.LoadLocation("Australia/Sydney")
	d := func(s string) hours.Date { x, _ := hours.ParseDate(s); return x }
	for _, tc := range []struct {
		loc      *time.Location
		from, to string
		want     float64
	}{
		{ny, "", "", -5},                         // open-ended: standard time
		{ny, "2026-12-25", "2026-12-25", -5},     // a winter holiday
		{ny, "2026-07-04", "2026-07-04", -4},     // a summer holiday: exact
		{ny, "2026-03-01", "2026-03-31", -5},     // the clocks change in it: standard
		{ny, "2026-01-01", "2026-12-31", -5},     // the year
		{kolkata, "", "", 5.5},                   // no daylight saving time
		{sydney, "", "", 10},                     // southern hemisphere: standard is in July
		{sydney, "2026-01-26", "2026-01-26", 11}, // Australia Day, in daylight time
	} {
		if got := scheduleOffset(tc.loc, d(tc.from), d(tc.to), refYear); got != tc.want {
			t.Errorf("scheduleOffset(%v, %q, %q) = %v, want %v", tc.loc, tc.from, tc.to, got, tc.want)
		}
	}
}
