package hours

import (
	"fmt"
	"strings"
	"time"
)

// Describe renders the schedule for people, one line per rule, with times
// in the schedule's own zone:
//
//	24 hours, 7 days
//	9am–7pm Eastern Time, Monday to Friday
//	10pm–6am Eastern Time, Friday and Saturday
//	10am–2pm Eastern Time, Monday to Thursday, 21–24 December 2026
//
// Opening rules come first, in order, then closures ("Closed 25 December
// 2026"). A schedule with no rules and not 24/7 gives no lines: the hours
// are unknown, which is not the same as "closed".
func (s Schedule) Describe() []string {
	zone := ZoneName(s.Zone)
	var lines []string
	if s.AlwaysOpen {
		lines = append(lines, "24 hours, 7 days")
	}
	for _, r := range s.Ranges {
		if !r.Closed {
			lines = append(lines, describeRule(r, zone))
		}
	}
	for _, r := range s.Ranges {
		if r.Closed {
			lines = append(lines, "Closed "+describeRule(r, zone))
		}
	}
	return lines
}

func describeRule(r Range, zone string) string {
	var parts []string
	switch {
	case r.wholeDays():
	case r.Opens == 0 && r.Closes == EndOfDay:
		parts = append(parts, "24 hours ("+zone+")")
	default:
		parts = append(parts, clockText(r.Opens)+"–"+clockText(r.Closes)+" "+zone)
	}
	if len(r.Days) > 0 {
		parts = append(parts, daysText(r.Days))
	} else if r.ValidFrom.IsZero() && r.ValidTo.IsZero() {
		parts = append(parts, "every day")
	}
	if dates := datesText(r.ValidFrom, r.ValidTo); dates != "" {
		parts = append(parts, dates)
	}
	return strings.Join(parts, ", ")
}

// clockText is the 12-hour form people expect: "9am", "9:30am", "noon".
func clockText(c Clock) string {
	switch c {
	case 0, EndOfDay:
		return "midnight"
	case 12 * 60:
		return "noon"
	}
	h, m := int(c)/60, int(c)%60
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	if h = h % 12; h == 0 {
		h = 12
	}
	if m == 0 {
		return fmt.Sprintf("%d%s", h, suffix)
	}
	return fmt.Sprintf("%d:%02d%s", h, m, suffix)
}

// datesText writes an inclusive date range as compactly as reads well:
// "25 December 2026", "21–24 December 2026", "from 1 March 2026".
func datesText(from, to Date) string {
	long := func(d Date) string { return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year) }
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "from " + long(from)
	case from.IsZero():
		return "until " + long(to)
	case from == to:
		return long(from)
	case from.Year == to.Year && from.Month == to.Month:
		return fmt.Sprintf("%d–%s", from.Day, long(to))
	case from.Year == to.Year:
		return fmt.Sprintf("%d %s – %s", from.Day, from.Month, long(to))
	default:
		return long(from) + " – " + long(to)
	}
}

var zoneNames = map[string][2]string{
	"America/New_York":    {"Eastern Time", "ET"},
	"America/Detroit":     {"Eastern Time", "ET"},
	"US/Eastern":          {"Eastern Time", "ET"},
	"America/Chicago":     {"Central Time", "CT"},
	"US/Central":          {"Central Time", "CT"},
	"America/Denver":      {"Mountain Time", "MT"},
	"US/Mountain":         {"Mountain Time", "MT"},
	"America/Phoenix":     {"Mountain Time (Arizona)", "MT"},
	"US/Arizona":          {"Mountain Time (Arizona)", "MT"},
	"America/Los_Angeles": {"Pacific Time", "PT"},
	"US/Pacific":          {"Pacific Time", "PT"},
	"America/Anchorage":   {"Alaska Time", "AKT"},
	"US/Alaska":           {"Alaska Time", "AKT"},
	"Pacific/Honolulu":    {"Hawaii Time", "HT"},
	"US/Hawaii":           {"Hawaii Time", "HT"},
	"America/Puerto_Rico": {"Atlantic Time", "AT"},
	"UTC":                 {"UTC", "UTC"},
	"Etc/UTC":             {"UTC", "UTC"},
}

// ZoneName gives a friendly name for loc: "Eastern Time" for
// America/New_York, "Mountain Time (Arizona)" for America/Phoenix, and for
// zones it does not know, the IANA name with spaces: "Asia/Kolkata",
// "America/Argentina/Buenos Aires". A nil loc is UTC.
func ZoneName(loc *time.Location) string {
	if n, ok := zoneNames[loc.String()]; ok {
		return n[0]
	}
	return strings.ReplaceAll(loc.String(), "_", " ")
}

// ZoneAbbrev is the short form of ZoneName that does not change with DST:
// "ET", "CT", "MT", "PT", "AKT", "HT", "UTC", or else the IANA name.
func ZoneAbbrev(loc *time.Location) string {
	if n, ok := zoneNames[loc.String()]; ok {
		return n[1]
	}
	return loc.String()
}
