package hsds

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"resourcelib/generator/directory"
	"resourcelib/generator/hours"
)

// Write exports organizations as HSDS 3 JSON, calling write once for
// organizations.json and once for each organizations/ID.json, in a fixed
// order. The organizations must have been loaded by directory.Load without
// errors; the order they come in does not matter.
func Write(orgs []*directory.Organization, write func(name string, data []byte) error) error {
	sorted := slices.Clone(orgs)
	slices.SortFunc(sorted, func(a, b *directory.Organization) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	page := Page{TotalItems: len(sorted), TotalPages: 1, PageNumber: 1, Size: len(sorted),
		FirstPage: true, LastPage: true, Empty: len(sorted) == 0, Contents: []Organization{}}
	var files []string
	var datas [][]byte
	for _, o := range sorted {
		full := Convert(o)
		data, err := encode(full)
		if err != nil {
			return fmt.Errorf("%s: %w", o.File, err)
		}
		files = append(files, "organizations/"+o.ID+".json")
		datas = append(datas, data)
		full.Phones, full.Locations, full.Services = nil, nil, nil
		page.Contents = append(page.Contents, full)
	}
	data, err := encode(page)
	if err != nil {
		return err
	}
	if err := write("organizations.json", data); err != nil {
		return err
	}
	for i, name := range files {
		if err := write(name, datas[i]); err != nil {
			return err
		}
	}
	return nil
}

// encode is JSON indented by two spaces, with a final newline, and with &,
// < and > as they are (the files are JSON, never HTML).
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Convert maps one organization to HSDS 3, fully nested. See the package
// documentation for each choice.
func Convert(o *directory.Organization) Organization {
	x := &exporter{o: o, year: refYear}
	if !o.LastVerified.IsZero() {
		x.year = o.LastVerified.Year()
	}
	return x.organization()
}

type exporter struct {
	o    *directory.Organization
	year int // for a zone's standard offset; see scheduleOffset
}

func (x *exporter) organization() Organization {
	o := x.o
	org := Organization{ID: id(o.ID), Name: o.Name, AlternateName: o.AlternateName,
		Description: strings.TrimSpace(o.Description), Email: o.Email, Website: o.Website}
	for i, p := range o.Phones {
		org.Phones = append(org.Phones, x.phone(fmt.Sprintf("%s/phones/%d", o.ID, i), org.ID, p))
	}
	for i, l := range o.Locations {
		org.Locations = append(org.Locations, x.location(fmt.Sprintf("%s/locations/%d", o.ID, i), org.ID, l))
	}
	for i, s := range o.Services {
		org.Services = append(org.Services, x.service(fmt.Sprintf("%s/services/%d", o.ID, i), org.ID, s))
	}
	return org
}

// phoneTypes maps our phone types to HSDS's, which are RFC 6350's (text,
// voice, fax, cell, video, pager, textphone).
var phoneTypes = map[string]string{"voice": "voice", "hotline": "voice", "text": "text", "fax": "fax", "tty": "textphone"}

func (x *exporter) phone(path, orgID string, p directory.Phone) Phone {
	ph := Phone{ID: id(path), OrganizationID: orgID, Number: phoneNumber(p), Type: phoneTypes[p.Type]}
	var desc []string
	if p.Type == "hotline" {
		desc = append(desc, "Hotline.")
	}
	if d := strings.TrimSpace(p.Description); d != "" {
		desc = append(desc, d)
	}
	if ext := strings.TrimSpace(p.Extension); ext != "" {
		if n, err := strconv.ParseInt(ext, 10, 64); err == nil && n >= 0 {
			ph.Extension = &n
		} else {
			desc = append(desc, "Extension: "+ext+".")
		}
	}
	ph.Description = strings.Join(desc, " ")
	for i, code := range p.Languages {
		ph.Languages = append(ph.Languages, Language{ID: id(fmt.Sprintf("%s/languages/%d", path, i)), PhoneID: ph.ID,
			Name: languageName(code), Code: code})
	}
	return ph
}

// phoneNumber is the number in international format ("+1 888-373-7888"),
// or a short code as it is ("233733", "711").
func phoneNumber(p directory.Phone) string {
	if !strings.HasPrefix(p.E164, "+") {
		if p.E164 != "" {
			return p.E164
		}
		return strings.TrimSpace(p.Number)
	}
	num, err := phonenumbers.Parse(p.E164, "")
	if err != nil {
		return p.E164
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

// languageName is a language's English name: HSDS names languages in
// English (see directory.LanguageName).
func languageName(code string) string { return directory.LanguageName(code, "en") }

// defaultCountry is the country of an address that names none: the
// directory is of the United States, as its phone numbers are.
const defaultCountry = "US"

func (x *exporter) location(path, orgID string, l directory.Location) Location {
	a := l.Address
	addr := Address{ID: id(path + "/address"), LocationID: id(path), City: a.City,
		StateProvince: a.StateProvince, Country: cmp.Or(a.Country, defaultCountry), AddressType: l.LocationType}
	var out Location
	if l.Confidential() {
		// HSDS has no confidential locations. A shelter is a physical
		// place whose city and state may be known, and nothing more:
		// its name, description, region, street, postal code and
		// coordinates are never read here, whatever the loader left
		// in them.
		out = Location{ID: id(path), LocationType: "physical", OrganizationID: orgID,
			Description: "Confidential location: only its city and state are published."}
		addr.AddressType = "physical"
	} else {
		out = Location{ID: id(path), LocationType: l.LocationType, OrganizationID: orgID, Name: l.Name,
			Description: strings.TrimSpace(l.Description), Latitude: l.Latitude, Longitude: l.Longitude}
		addr.Attention, addr.Address1, addr.Address2, addr.Region, addr.PostalCode = a.Attention, a.Address1, a.Address2, a.Region, a.PostalCode
	}
	loc := out
	if addr.Address1 != "" || addr.City != "" || addr.StateProvince != "" || addr.PostalCode != "" {
		loc.Addresses = []Address{addr}
	}
	return loc
}

func (x *exporter) service(path, orgID string, s directory.Service) Service {
	svc := Service{ID: id(path), OrganizationID: orgID, Name: s.Name, Description: strings.TrimSpace(s.Description),
		Status: "active", EligibilityDescription: strings.TrimSpace(s.Eligibility), MinimumAge: s.MinimumAge, MaximumAge: s.MaximumAge}
	if !x.o.LastVerified.IsZero() {
		svc.AssuredDate = x.o.LastVerified.Format(time.DateOnly)
	}
	svc.Schedules = x.schedules(path, svc.ID, s)
	for i, code := range s.Languages {
		svc.Languages = append(svc.Languages, Language{ID: id(fmt.Sprintf("%s/languages/%d", path, i)), ServiceID: svc.ID,
			Name: languageName(code), Code: code})
	}
	return svc
}

// allWeek is every day in HSDS's byday form, Monday first.
const allWeek = "MO,TU,WE,TH,FR,SA,SU"

// schedules turns a service's schedule rows into HSDS schedules, one for
// one. Rows were checked by directory.Load; a row that does not parse
// (which only an unchecked organization can have) is left out.
func (x *exporter) schedules(path, serviceID string, s directory.Service) []Schedule {
	var out []Schedule
	for i, r := range s.Schedules {
		zone := x.o.Zone
		if r.Timezone != "" {
			z, err := time.LoadLocation(r.Timezone)
			if err != nil {
				continue
			}
			zone = z
		}
		if zone == nil {
			continue
		}
		rg, always, ok := rowRange(r)
		if !ok {
			continue
		}
		sc := Schedule{ID: id(fmt.Sprintf("%s/schedules/%d", path, i)), ServiceID: serviceID}
		if !rg.ValidFrom.IsZero() {
			sc.ValidFrom = rg.ValidFrom.String()
		}
		if !rg.ValidTo.IsZero() {
			sc.ValidTo = rg.ValidTo.String()
		}
		off := scheduleOffset(zone, rg.ValidFrom, rg.ValidTo, x.year)
		sc.Timezone = &off
		std, _ := zoneOffsets(zone, cmp.Or(rg.ValidFrom.Year, x.year))
		one := hours.Schedule{Zone: zone, AlwaysOpen: always}
		if !always {
			one.Ranges = []hours.Range{rg}
		}
		var desc []string
		if lines := one.Describe(); len(lines) > 0 {
			desc = append(desc, lines[0]+".")
		}
		if always {
			desc[0] = "Open 24 hours a day, 7 days a week."
		}
		if d := strings.TrimSpace(r.Description); d != "" {
			desc = append(desc, d)
		}
		notes := []string{zoneNote(zone, x.year, off != std)}
		switch {
		case rg.Closed:
			// HSDS has no closures: a schedule says when a service is
			// open. The closure is written in words, with no days or
			// times a program could take for opening hours.
			notes = append(notes, "This is a closure: the service is closed at these times, whatever its other schedules say.")
		case always:
			sc.Freq, sc.Byday, sc.OpensAt, sc.ClosesAt = "WEEKLY", allWeek, "00:00", "23:59"
		default:
			sc.Freq, sc.Byday = "WEEKLY", byday(rg.Days)
			sc.OpensAt, sc.ClosesAt = rg.Opens.String(), rg.Closes.String()
			if rg.Closes == hours.EndOfDay {
				sc.ClosesAt = "23:59" // HSDS times are HH:MM of a day; 24:00 is not one
			}
		}
		if a := strings.TrimSpace(s.AfterHours); a != "" && !rg.Closed {
			notes = append(notes, "Outside these hours: "+a)
		}
		sc.Description = strings.Join(desc, " ")
		sc.Notes = strings.Join(notes, " ")
		out = append(out, sc)
	}
	return out
}

// rowRange reads a schedule row the way directory.Load does: always is set
// for a 24/7 row without dates.
func rowRange(r directory.ScheduleRow) (rg hours.Range, always, ok bool) {
	var err error
	if rg.ValidFrom, err = hours.ParseDate(r.ValidFrom); err != nil {
		return rg, false, false
	}
	if rg.ValidTo, err = hours.ParseDate(r.ValidTo); err != nil {
		return rg, false, false
	}
	rg.Closed = r.Closed
	if r.OpenAllDay {
		if rg.ValidFrom.IsZero() && rg.ValidTo.IsZero() && !r.Closed {
			return rg, true, true
		}
		rg.Days = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
		rg.Opens, rg.Closes = 0, hours.EndOfDay
		return rg, false, true
	}
	if rg.Days, err = hours.ParseDays(r.ByDay); err != nil {
		return rg, false, false
	}
	if r.OpensAt != "" || r.ClosesAt != "" || !r.Closed {
		if rg.Opens, err = hours.ParseClock(r.OpensAt); err != nil {
			return rg, false, false
		}
		if rg.Closes, err = hours.ParseClock(r.ClosesAt); err != nil {
			return rg, false, false
		}
	}
	return rg, false, true
}

// byday writes days as HSDS's byday, Monday first: "MO,TU,WE,TH,FR".
func byday(days []time.Weekday) string {
	var codes []string
	for i, code := range strings.Split(allWeek, ",") {
		if slices.Contains(days, time.Weekday((i+1)%7)) {
			codes = append(codes, code)
		}
	}
	return strings.Join(codes, ",")
}
