package directory

import (
	"fmt"
	"net/mail"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"resourcelib/generator/diag"
	"resourcelib/generator/hours"
)

// Load decodes and validates one organization file. file is its path relative
// to the site source (content/organizations/x.yaml); every problem is added to
// l with its line and column. It returns nil if the file could not be read as
// an organization at all (not YAML, or not a mapping); after a bad value it
// returns the rest, and l holds the error.
func Load(file string, data []byte, l *diag.List) *Organization {
	o := &Organization{File: file, ID: strings.TrimSuffix(path.Base(file), path.Ext(file)), src: data}
	decoded := &diag.List{}
	if !decodeWithTranslations(file, data, o, decoded) {
		l.Merge(decoded)
		if o.Pos.At.Line == 0 {
			return nil // not YAML, or not a mapping: nothing to validate
		}
		// Check the rest too, so that every problem is reported in one
		// pass; a value that could not be decoded is reported once, by
		// the decoder, not again as missing.
		bad := map[diag.Pos]bool{}
		for _, p := range decoded.Sorted() {
			bad[diag.Pos{Line: p.Line, Col: p.Col}] = true
		}
		checked := &diag.List{}
		o.validate(checked)
		for _, p := range checked.Sorted() {
			if !bad[diag.Pos{Line: p.Line, Col: p.Col}] {
				l.Add(p)
			}
		}
		// Returned, with the bad values unset, so that the checks made
		// across files (its address in pages, its page's address, the
		// placeholder description) run in the same pass too; the errors
		// already stop the build.
		return o
	}
	o.validate(l)
	return o
}

// placeholder matches the description `generator new organization` writes
// for the editor to replace.
var placeholder = regexp.MustCompile(`(?i)^\s*Describe what .* does\b`)

// CheckPublishable reports what must not be published: the placeholder
// description that `generator new organization` writes. A build calls it
// for each organization it publishes (a draft is checked once -drafts
// takes it in).
func (o *Organization) CheckPublishable(l *diag.List) {
	if placeholder.MatchString(o.Description) {
		at := o.Pos.Of("description")
		l.Add(diag.Problem{File: o.File, Line: at.Line, Col: at.Col,
			Msg:  "`description` is still the placeholder text written by `generator new organization`",
			Hint: "say in a sentence or two what the organization does and for whom; keep `draft: true` until it is ready"})
	}
}

var phoneTypes = []string{"voice", "text", "fax", "tty", "hotline"}
var locationTypes = []string{"physical", "postal", "virtual", "confidential"}
var urgencies = []string{"urgent", "non-urgent"}

// Enums lists, by YAML path, the values validate accepts for each field
// that takes one of a few words. The CMS admin offers them as a choice.
var Enums = map[string][]string{
	"phones.type":             phoneTypes,
	"locations.location_type": locationTypes,
	"services.urgency":        urgencies,
}

// Required lists, by YAML path, the fields validate rejects when empty.
var Required = []string{"name", "description", "phones.number", "phones.type", "locations.location_type", "services.name"}

// languageCode is an ISO 639-1 code, optionally with a region (en, es, pt-BR).
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z]{2,4})?$`)

func (o *Organization) validate(l *diag.List) {
	f := o.File
	errAt := func(p diag.Positions, key, hint, format string, args ...any) {
		at := p.Of(key)
		l.Add(diag.Problem{File: f, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	if strings.TrimSpace(o.Name) == "" {
		errAt(o.Pos, "name", "add a line such as `name: Example Shelter`", "the organization has no `name`")
	}
	if strings.TrimSpace(o.Description) == "" {
		errAt(o.Pos, "description", "add `description:` with a sentence or two about what it does", "the organization has no `description`")
	}
	if o.Website != "" && !validURL(o.Website) {
		errAt(o.Pos, "website", "write the full address, starting with https://", "`website` %q is not a web address", o.Website)
	}
	if o.Email != "" && !validEmail(o.Email) {
		errAt(o.Pos, "email", "write it as name@example.org", "`email` %q is not an email address", o.Email)
	}
	if o.Timezone != "" {
		z, err := time.LoadLocation(o.Timezone)
		if err != nil || o.Timezone == "Local" {
			errAt(o.Pos, "timezone", "use an IANA zone name such as America/New_York or America/Los_Angeles", "unknown time zone %q", o.Timezone)
		} else {
			o.Zone = z
		}
	}
	for i := range o.Sources {
		src := &o.Sources[i]
		if strings.TrimSpace(src.Title) == "" {
			errAt(src.Pos, "title", "add `title:` saying what the source is, such as `The coalition's hotline page`", "a source has no `title`")
		}
		if src.URL != "" && !validURL(src.URL) {
			errAt(src.Pos, "url", "write the full address, starting with https://, or leave url out", "source `url` %q is not a web address", src.URL)
		}
	}
	for i := range o.Phones {
		p := &o.Phones[i]
		if !oneOf(p.Type, phoneTypes) {
			errAt(p.Pos, "type", "use one of: "+strings.Join(phoneTypes, ", "), "phone type %q is not known", p.Type)
		}
		e164, err := NormalizePhone(p.Number, p.Type)
		if err != nil {
			errAt(p.Pos, "number", "write a US number with its area code, such as 202-555-0100, or a full international number starting with +", "%s", err)
		}
		p.E164 = e164
		o.checkLanguages(l, p.Pos, p.Languages)
	}
	for i := range o.Locations {
		loc := &o.Locations[i]
		if !oneOf(loc.LocationType, locationTypes) {
			errAt(loc.Pos, "location_type", "use one of: "+strings.Join(locationTypes, ", "), "location_type %q is not known", loc.LocationType)
		}
		if (loc.Latitude == nil) != (loc.Longitude == nil) {
			errAt(loc.Pos, "latitude", "give both latitude and longitude, or neither", "a location needs both coordinates")
		}
		if loc.Latitude != nil && (*loc.Latitude < -90 || *loc.Latitude > 90) {
			errAt(loc.Pos, "latitude", "latitude is between -90 and 90", "latitude %v is out of range", *loc.Latitude)
		}
		if loc.Longitude != nil && (*loc.Longitude < -180 || *loc.Longitude > 180) {
			errAt(loc.Pos, "longitude", "longitude is between -180 and 180", "longitude %v is out of range", *loc.Longitude)
		}
		if loc.Confidential() {
			// Only the city, state and country may reach a template, a
			// feed, the index or an export. The rest is kept apart, for
			// CheckConfidential to find wherever it is repeated.
			o.keep(loc)
			loc.Name, loc.Description = "", ""
			loc.Address = Address{City: loc.Address.City, StateProvince: loc.Address.StateProvince,
				Country: loc.Address.Country, Pos: loc.Address.Pos}
			loc.Latitude, loc.Longitude = nil, nil
		}
	}
	for i := range o.Services {
		s := &o.Services[i]
		if strings.TrimSpace(s.Name) == "" {
			errAt(s.Pos, "name", "add `name:` to the service", "a service has no `name`")
		}
		if s.Urgency != "" && !oneOf(s.Urgency, urgencies) {
			errAt(s.Pos, "urgency", "use urgent or non-urgent, or leave it out", "urgency %q is not known", s.Urgency)
		}
		if s.MinimumAge != nil && s.MaximumAge != nil && *s.MinimumAge > *s.MaximumAge {
			errAt(s.Pos, "minimum_age", "", "minimum_age %d is above maximum_age %d", *s.MinimumAge, *s.MaximumAge)
		}
		o.checkLanguages(l, s.Pos, s.Languages)
		s.Hours = o.buildSchedule(l, s)
	}
}

func (o *Organization) checkLanguages(l *diag.List, p diag.Positions, langs []string) {
	for _, lang := range langs {
		if !languageCode.MatchString(lang) {
			at := p.Of("languages")
			l.Add(diag.Problem{File: o.File, Line: at.Line, Col: at.Col,
				Msg:  fmt.Sprintf("language %q is not an ISO 639 code", lang),
				Hint: "use two-letter codes such as en, es, zh"})
		}
	}
}

// buildSchedule turns a service's schedule rows into one hours.Schedule.
func (o *Organization) buildSchedule(l *diag.List, s *Service) *hours.Schedule {
	if len(s.Schedules) == 0 {
		return nil
	}
	sched := &hours.Schedule{Zone: o.Zone}
	ok := true
	for i, r := range s.Schedules {
		bad := func(key, hint, format string, args ...any) {
			at := r.Pos.Of(key)
			l.Add(diag.Problem{File: o.File, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
			ok = false
		}
		// A row without a timezone is in the organization's zone, so that
		// a row naming another zone cannot silently move the others.
		if r.Timezone != "" {
			z, err := time.LoadLocation(r.Timezone)
			if err != nil || r.Timezone == "Local" {
				bad("timezone", "use an IANA zone name such as America/New_York", "unknown time zone %q", r.Timezone)
			} else if sched.Zone != nil && sched.Zone.String() != z.String() && (sched.Zone != o.Zone || i > 0) {
				bad("timezone", "give all of a service's schedules the same timezone", "schedules of one service use two time zones")
			} else {
				sched.Zone = z
			}
		} else if o.Zone != nil && sched.Zone != nil && sched.Zone.String() != o.Zone.String() {
			bad("timezone", "give all of a service's schedules the same timezone", "schedules of one service use two time zones")
		}
		var rg hours.Range
		var err error
		if r.ValidFrom != "" {
			if rg.ValidFrom, err = hours.ParseDate(r.ValidFrom); err != nil {
				bad("valid_from", "write a date such as 2026-12-24", "`valid_from`: %s", err)
			}
		}
		if r.ValidTo != "" {
			if rg.ValidTo, err = hours.ParseDate(r.ValidTo); err != nil {
				bad("valid_to", "write a date such as 2026-12-26", "`valid_to`: %s", err)
			}
		}
		rg.Closed = r.Closed
		if r.OpenAllDay {
			if r.ByDay != "" || r.OpensAt != "" || r.ClosesAt != "" {
				bad("open_24_7", "remove byday, opens_at and closes_at from this row", "a row with open_24_7 cannot also give days or times")
				continue
			}
			if rg.ValidFrom == (hours.Date{}) && rg.ValidTo == (hours.Date{}) && !r.Closed {
				sched.AlwaysOpen = true
				continue
			}
			rg.Days = allDays
			rg.Opens, rg.Closes = 0, 1440
			sched.Ranges = append(sched.Ranges, rg)
			continue
		}
		if r.ByDay != "" {
			if rg.Days, err = hours.ParseDays(r.ByDay); err != nil {
				bad("byday", "", "`byday`: %s", err)
			}
		} else if !r.Closed {
			bad("byday", "add `byday: MO,TU,WE,TH,FR` (or `open_24_7: true`)", "a schedule row needs the days it applies to")
		}
		if r.OpensAt != "" || r.ClosesAt != "" || !r.Closed {
			if rg.Opens, err = hours.ParseClock(r.OpensAt); err != nil {
				bad("opens_at", "write it as \"09:00\"", "`opens_at`: %s", err)
			}
			if rg.Closes, err = hours.ParseClock(r.ClosesAt); err != nil {
				bad("closes_at", "write it as \"19:00\"", "`closes_at`: %s", err)
			}
		}
		sched.Ranges = append(sched.Ranges, rg)
	}
	if !ok {
		return nil
	}
	if sched.Zone == nil {
		at := s.Pos.Of("schedules")
		l.Add(diag.Problem{File: o.File, Line: at.Line, Col: at.Col,
			Msg:  "the schedule has no time zone",
			Hint: "add `timezone: America/New_York` (or the right zone) to the organization or the schedule row"})
		return nil
	}
	if err := sched.Validate(); err != nil {
		at := s.Pos.Of("schedules")
		l.Add(diag.Problem{File: o.File, Line: at.Line, Col: at.Col, Msg: err.Error()})
		return nil
	}
	return sched
}

var allDays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// NormalizePhone checks a phone number as people write it ("1-888-373-7888",
// "(202) 745-1001", "+44 20 7946 0000") and returns it in E.164 form
// (+18883737888). US numbers without a country code are assumed. Short codes
// are kept as digits: 711 (TTY relay) and other N11 numbers for voice and
// TTY, and 5- or 6-digit SMS short codes (233733) for text lines.
func NormalizePhone(number, typ string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, number)
	if strings.TrimSpace(number) == "" {
		return "", fmt.Errorf("the phone has no `number`")
	}
	if !strings.HasPrefix(strings.TrimSpace(number), "+") {
		switch {
		case typ == "text" && (len(digits) == 5 || len(digits) == 6):
			return digits, nil
		case len(digits) == 3 && digits[1:] == "11" && digits[0] >= '2':
			return digits, nil
		}
	}
	num, err := phonenumbers.Parse(number, "US")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", fmt.Errorf("%q is not a valid phone number", number)
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
