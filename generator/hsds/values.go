package hsds

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"resourcelib/generator/hours"
)

// timeRE reads the times found in HSDS data: "9:30", "09:00:00", "5:00 PM",
// "5pm", "17:00-05:00", "09:00Z", "1700".
var timeRE = regexp.MustCompile(`^(\d{1,2})(?::?(\d{2})(?::(\d{2}))?)?\s*(am|pm|a|p)?\s*(z|utc|[+-]\d{1,2}(?::?\d{2})?)?$`)

// parseTime reads a time of day. Without am or pm it is a 24-hour time. A
// UTC offset after it ("-05:00", "Z") is returned in hours, or nil.
func parseTime(s string) (hours.Clock, *float64, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	in = strings.ReplaceAll(strings.ReplaceAll(in, "a.m.", "am"), "p.m.", "pm")
	switch in {
	case "noon":
		return 12 * 60, nil, nil
	case "midnight":
		return 0, nil, nil
	}
	m := timeRE.FindStringSubmatch(in)
	if m == nil || (m[2] == "" && m[4] == "") {
		// "9" or "9-5" could mean anything.
		return 0, nil, fmt.Errorf("%q is not a time of day", s)
	}
	h, _ := strconv.Atoi(m[1])
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	}
	switch m[4] {
	case "am", "a":
		if h < 1 || h > 12 {
			return 0, nil, fmt.Errorf("%q is not a time of day", s)
		}
		h %= 12
	case "pm", "p":
		if h < 1 || h > 12 {
			return 0, nil, fmt.Errorf("%q is not a time of day", s)
		}
		h = h%12 + 12
	}
	if min > 59 || h > 24 || (h == 24 && min != 0) {
		return 0, nil, fmt.Errorf("%q is not a time of day", s)
	}
	var off *float64
	switch z := m[5]; {
	case z == "":
	case z == "z" || z == "utc":
		zero := 0.0
		off = &zero
	default:
		o, err := parseOffset(z)
		if err != nil {
			return 0, nil, fmt.Errorf("%q: %v", s, err)
		}
		off = &o
	}
	return hours.Clock(h*60 + min), off, nil
}

// parseOffset reads "+05:30", "-0500" or "-5" as hours.
func parseOffset(z string) (float64, error) {
	sign := 1.0
	if z[0] == '-' {
		sign = -1
	}
	z = strings.ReplaceAll(z[1:], ":", "")
	var h, m int
	switch len(z) {
	case 1, 2:
		h, _ = strconv.Atoi(z)
	case 3, 4:
		h, _ = strconv.Atoi(z[:len(z)-2])
		m, _ = strconv.Atoi(z[len(z)-2:])
	default:
		return 0, fmt.Errorf("%q is not a UTC offset", z)
	}
	if h > 14 || m > 59 {
		return 0, fmt.Errorf("%q is not a UTC offset", z)
	}
	return sign * (float64(h) + float64(m)/60), nil
}

var (
	isoDateRE = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$`)
	usDateRE  = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$`)
)

// parseDate reads an ISO date ("2015-01-01") or a US one ("1/1/2015",
// month first, as in the Ohana data), or the date part of a date-time.
func parseDate(s string) (hours.Date, error) {
	in := strings.TrimSpace(s)
	if i := strings.IndexAny(in, "T "); i == 10 {
		in = in[:i]
	}
	var y, mo, d int
	if m := isoDateRE.FindStringSubmatch(in); m != nil {
		y, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		d, _ = strconv.Atoi(m[3])
	} else if m := usDateRE.FindStringSubmatch(in); m != nil {
		mo, _ = strconv.Atoi(m[1])
		d, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
		if len(m[3]) == 2 {
			y += 2000
		}
	} else {
		return hours.Date{}, fmt.Errorf("%q is not a date", s)
	}
	t := time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return hours.Date{}, fmt.Errorf("%q is not a calendar date", s)
	}
	return hours.Date{Year: y, Month: time.Month(mo), Day: d}, nil
}

// parseWeekdays reads an Ohana/HSDS 1.0 weekday: a name ("Monday", "mon",
// "Mondays"), an HSDS day code ("MO"), or a number from 1 (Monday) to 7
// (Sunday), as Ohana reads them (ISO 8601; 0 is taken as Sunday too).
// Lists ("Mon, Wed") and ranges ("Monday-Friday") are read as well.
func parseWeekdays(s string) ([]time.Weekday, error) {
	var days []time.Weekday
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '&' }) {
		part = strings.TrimSpace(part)
		if a, b, ok := strings.Cut(part, "-"); ok && strings.TrimSpace(a) != "" {
			from, err := parseWeekday(a)
			if err != nil {
				return nil, err
			}
			to, err := parseWeekday(b)
			if err != nil {
				return nil, err
			}
			for d := from; ; d = (d + 1) % 7 {
				days = append(days, d)
				if d == to {
					break
				}
			}
			continue
		}
		d, err := parseWeekday(part)
		if err != nil {
			return nil, err
		}
		days = append(days, d)
	}
	if len(days) == 0 {
		return nil, fmt.Errorf("no weekday given")
	}
	return days, nil
}

func parseWeekday(s string) (time.Weekday, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(in); err == nil {
		if n < 0 || n > 7 {
			return 0, fmt.Errorf("%q is not a weekday: numbers go from 1 (Monday) to 7 (Sunday)", s)
		}
		return time.Weekday(n % 7), nil
	}
	in = strings.TrimSuffix(strings.TrimSuffix(in, "."), "s")
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if len(in) >= 2 && strings.HasPrefix(name, in) {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a weekday", s)
}

// parseBool reads the yes/no values of CSV exports.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "yes", "y", "1":
		return true, nil
	case "false", "f", "no", "n", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// cleanWebsite returns a web address with its scheme; HSDS data often
// leaves it out ("www.example.org"), and http:// works for both kinds of
// site, since https sites redirect.
func cleanWebsite(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") || strings.ContainsAny(s, " \t") {
		return "", fmt.Errorf("%q is not a web address", s)
	}
	return s, nil
}

// cleanEmail checks an email address as directory.Load does.
func cleanEmail(s string) (string, error) {
	s = strings.TrimPrefix(s, "mailto:")
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@'):], ".") {
		return "", fmt.Errorf("%q is not an email address", s)
	}
	return s, nil
}

var zipRE = regexp.MustCompile(`^\d{5}(-\d{4})?$`)

// languageCodeRE is what directory.Load accepts.
var languageCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z]{2,4})?$`)

// languageNames are the languages most often named in US referral data,
// for sources that give names instead of ISO 639 codes.
var languageNames = map[string]string{
	"american sign language": "ase", "asl": "ase", "amharic": "am", "arabic": "ar", "armenian": "hy",
	"bengali": "bn", "burmese": "my", "cantonese": "yue", "chinese": "zh", "english": "en",
	"farsi": "fa", "french": "fr", "german": "de", "greek": "el", "haitian creole": "ht",
	"hebrew": "he", "hindi": "hi", "hmong": "hmn", "italian": "it", "japanese": "ja",
	"khmer": "km", "korean": "ko", "lao": "lo", "mandarin": "cmn", "nepali": "ne",
	"persian": "fa", "polish": "pl", "portuguese": "pt", "punjabi": "pa", "romanian": "ro",
	"russian": "ru", "somali": "so", "spanish": "es", "swahili": "sw", "tagalog": "tl",
	"filipino": "fil", "thai": "th", "tigrinya": "ti", "turkish": "tr", "ukrainian": "uk",
	"urdu": "ur", "vietnamese": "vi", "yiddish": "yi", "bosnian": "bs", "nepalese": "ne",
	"kinyarwanda": "rw", "dari": "prs", "pashto": "ps", "karen": "kar", "oromo": "om",
}

// languageCode reads a language given as a code or an English name.
func languageCode(s string) (string, error) {
	in := strings.TrimSpace(s)
	if code, ok := languageNames[strings.ToLower(in)]; ok {
		return code, nil
	}
	if code := strings.ToLower(in); languageCodeRE.MatchString(code) {
		return code, nil
	}
	return "", fmt.Errorf("%q is not an ISO 639 language code or a language name this importer knows", s)
}
