package directory

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
	"resourcelib/generator/hours"
)

const orgFile = "content/organizations/safe-house.yaml"

// load runs Load on src and returns the organization and every problem.
func load(t *testing.T, src string) (*Organization, []diag.Problem) {
	t.Helper()
	var l diag.List
	o := Load(orgFile, []byte(src), &l)
	return o, l.Sorted()
}

// zoneName compares time zones by name: *time.Location has unexported fields.
var zoneName = cmp.Comparer(func(a, b *time.Location) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.String() == b.String()
})

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestLoadValid(t *testing.T) {
	src := `name: Safe House
description: A shelter.
website: https://example.org/help
email: help@example.org
last_verified: 2026-11-28
timezone: America/Chicago
tags: shelter
phones:
  - number: "(202) 745-1001"
    type: voice
  - number: "233733"
    type: text
    display: Text HELP to 233733
  - number: "711"
    type: tty
    languages: [en, es, pt-BR]
locations:
  - name: Office
    location_type: physical
    address: {address_1: 1 Main St, city: Springfield, state_province: IL, postal_code: "62701", country: US}
    latitude: 39.8
    longitude: -89.6
services:
  - name: Crisis line
    description: Calls at any hour.
    urgency: urgent
    minimum_age: 12
    maximum_age: 24
    schedules:
      - open_24_7: true
      - closed: true
        valid_from: 2026-12-25
        valid_to: 2026-12-25
  - name: Office hours
    schedules:
      - byday: MO,TU,WE,TH,FR
        opens_at: "09:00"
        closes_at: "17:00"
        timezone: America/Chicago
  - name: Walk-in
`
	o, problems := load(t, src)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if o == nil {
		t.Fatal("Load returned nil")
	}
	chicago := mustZone(t, "America/Chicago")
	if o.ID != "safe-house" || o.File != orgFile {
		t.Errorf("ID, File = %q, %q; want safe-house, %s", o.ID, o.File, orgFile)
	}
	if !o.LastVerified.Equal(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("LastVerified = %v", o.LastVerified)
	}
	if diff := cmp.Diff(chicago, o.Zone, zoneName); diff != "" {
		t.Errorf("Zone mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"shelter"}, o.Tags); diff != "" {
		t.Errorf("Tags mismatch (-want +got):\n%s", diff)
	}

	type phone struct{ E164, Href, Text string }
	var phones []phone
	for _, p := range o.Phones {
		phones = append(phones, phone{p.E164, p.Href(), p.Text()})
	}
	wantPhones := []phone{
		{"+12027451001", "tel:+12027451001", "(202) 745-1001"},
		{"233733", "sms:233733", "Text HELP to 233733"},
		{"711", "tel:711", "711"},
	}
	if diff := cmp.Diff(wantPhones, phones); diff != "" {
		t.Errorf("phones mismatch (-want +got):\n%s", diff)
	}

	loc := o.Locations[0]
	if loc.Address.Address1 != "1 Main St" || loc.Address.PostalCode != "62701" || loc.Latitude == nil || *loc.Latitude != 39.8 || loc.Longitude == nil || *loc.Longitude != -89.6 {
		t.Errorf("a physical location lost its address: %+v", loc)
	}

	if len(o.Services) != 3 {
		t.Fatalf("got %d services, want 3", len(o.Services))
	}
	xmas := hours.Date{Year: 2026, Month: time.December, Day: 25}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	for i, want := range []*hours.Schedule{
		{Zone: chicago, AlwaysOpen: true, Ranges: []hours.Range{{Closed: true, ValidFrom: xmas, ValidTo: xmas}}},
		{Zone: chicago, Ranges: []hours.Range{{Days: weekdays, Opens: 9 * 60, Closes: 17 * 60}}},
		nil, // no schedules: no hours
	} {
		if diff := cmp.Diff(want, o.Services[i].Hours, zoneName); diff != "" {
			t.Errorf("service %d Hours mismatch (-want +got):\n%s", i, diff)
		}
	}
	if s := o.Services[0]; s.MinimumAge == nil || *s.MinimumAge != 12 || s.MaximumAge == nil || *s.MaximumAge != 24 {
		t.Errorf("ages = %v, %v; want 12, 24", s.MinimumAge, s.MaximumAge)
	}
}

func TestLoadProblems(t *testing.T) {
	const head = "name: Safe House\ndescription: A shelter.\n" // lines 1 and 2
	const zone = head + "timezone: America/New_York\n"         // lines 1 to 3
	for _, tc := range []struct {
		name string
		src  string
		want []diag.Problem // File is filled in with orgFile
		// wantNil says Load must return nil: the file is not one YAML mapping.
		// After a bad value, the rest is returned to be checked too.
		wantNil bool
	}{
		{
			name: "missing name",
			src:  "description: A shelter.\n",
			want: []diag.Problem{{Line: 1, Col: 1, Msg: "the organization has no `name`", Hint: "add a line such as `name: Example Shelter`"}},
		},
		{
			name: "blank name",
			src:  "description: A shelter.\nname: \"  \"\n",
			want: []diag.Problem{{Line: 2, Col: 7, Msg: "the organization has no `name`", Hint: "add a line such as `name: Example Shelter`"}},
		},
		{
			name: "source without a title, with a bad url",
			src:  head + "sources:\n  - url: example.org/help\n    accessed: 2026-11-28\n",
			want: []diag.Problem{
				{Line: 4, Col: 5, Msg: "a source has no `title`", Hint: "add `title:` saying what the source is, such as `The coalition's hotline page`"},
				{Line: 4, Col: 10, Msg: "source `url` \"example.org/help\" is not a web address", Hint: "write the full address, starting with https://, or leave url out"},
			},
		},
		{
			name: "missing description",
			src:  "name: Safe House\n",
			want: []diag.Problem{{Line: 1, Col: 1, Msg: "the organization has no `description`", Hint: "add `description:` with a sentence or two about what it does"}},
		},
		{
			name: "empty description",
			src:  "name: Safe House\ndescription:\n",
			want: []diag.Problem{{Line: 2, Col: 13, Msg: "the organization has no `description`", Hint: "add `description:` with a sentence or two about what it does"}},
		},
		{
			name: "empty file",
			src:  "",
			want: []diag.Problem{
				{Msg: "the organization has no `description`", Hint: "add `description:` with a sentence or two about what it does"},
				{Msg: "the organization has no `name`", Hint: "add a line such as `name: Example Shelter`"},
			},
		},
		{
			name: "bad email",
			src:  head + "email: help@example\n",
			want: []diag.Problem{{Line: 3, Col: 8, Msg: "`email` \"help@example\" is not an email address", Hint: "write it as name@example.org"}},
		},
		{
			name: "email with a display name",
			src:  head + "email: Help <help@example.org>\n",
			want: []diag.Problem{{Line: 3, Col: 8, Msg: "`email` \"Help <help@example.org>\" is not an email address", Hint: "write it as name@example.org"}},
		},
		{
			name: "website without scheme",
			src:  head + "website: example.org\n",
			want: []diag.Problem{{Line: 3, Col: 10, Msg: "`website` \"example.org\" is not a web address", Hint: "write the full address, starting with https://"}},
		},
		{
			name: "website with another scheme",
			src:  head + "website: ftp://example.org\n",
			want: []diag.Problem{{Line: 3, Col: 10, Msg: "`website` \"ftp://example.org\" is not a web address", Hint: "write the full address, starting with https://"}},
		},
		{
			name: "unknown timezone",
			src:  head + "timezone: Eastern\n",
			want: []diag.Problem{{Line: 3, Col: 11, Msg: "unknown time zone \"Eastern\"", Hint: "use an IANA zone name such as America/New_York or America/Los_Angeles"}},
		},
		{
			name: "Local is not a timezone",
			src:  head + "timezone: Local\n",
			want: []diag.Problem{{Line: 3, Col: 11, Msg: "unknown time zone \"Local\"", Hint: "use an IANA zone name such as America/New_York or America/Los_Angeles"}},
		},
		{
			name: "unknown phone type",
			src:  head + "phones:\n  - number: \"202-745-1001\"\n    type: cell\n",
			want: []diag.Problem{{Line: 5, Col: 11, Msg: "phone type \"cell\" is not known", Hint: "use one of: voice, text, fax, tty, hotline"}},
		},
		{
			name: "missing phone type",
			src:  head + "phones:\n  - number: \"202-745-1001\"\n",
			want: []diag.Problem{{Line: 4, Col: 5, Msg: "phone type \"\" is not known", Hint: "use one of: voice, text, fax, tty, hotline"}},
		},
		{
			name: "bad phone number",
			src:  head + "phones:\n  - number: \"555\"\n    type: voice\n",
			want: []diag.Problem{{Line: 4, Col: 13, Msg: "\"555\" is not a valid phone number", Hint: "write a US number with its area code, such as 202-555-0100, or a full international number starting with +"}},
		},
		{
			name: "missing phone number",
			src:  head + "phones:\n  - type: voice\n",
			want: []diag.Problem{{Line: 4, Col: 5, Msg: "the phone has no `number`", Hint: "write a US number with its area code, such as 202-555-0100, or a full international number starting with +"}},
		},
		{
			name: "bad phone language",
			src:  head + "phones:\n  - number: \"711\"\n    type: tty\n    languages: [en, English]\n",
			want: []diag.Problem{{Line: 6, Col: 16, Msg: "language \"English\" is not an ISO 639 code", Hint: "use two-letter codes such as en, es, zh"}},
		},
		{
			name: "bad location_type",
			src:  head + "locations:\n  - name: Office\n    location_type: office\n",
			want: []diag.Problem{{Line: 5, Col: 20, Msg: "location_type \"office\" is not known", Hint: "use one of: physical, postal, virtual, confidential"}},
		},
		{
			name: "latitude out of range",
			src:  head + "locations:\n  - location_type: physical\n    latitude: 91\n    longitude: -77\n",
			want: []diag.Problem{{Line: 5, Col: 15, Msg: "latitude 91 is out of range", Hint: "latitude is between -90 and 90"}},
		},
		{
			name: "longitude out of range",
			src:  head + "locations:\n  - location_type: physical\n    latitude: 38.9\n    longitude: -181.5\n",
			want: []diag.Problem{{Line: 6, Col: 16, Msg: "longitude -181.5 is out of range", Hint: "longitude is between -180 and 180"}},
		},
		{
			name: "only latitude",
			src:  head + "locations:\n  - location_type: physical\n    latitude: 38.9\n",
			want: []diag.Problem{{Line: 5, Col: 15, Msg: "a location needs both coordinates", Hint: "give both latitude and longitude, or neither"}},
		},
		{
			// Reported where the location starts, since there is no latitude.
			name: "only longitude",
			src:  head + "locations:\n  - location_type: physical\n    longitude: -77\n",
			want: []diag.Problem{{Line: 4, Col: 5, Msg: "a location needs both coordinates", Hint: "give both latitude and longitude, or neither"}},
		},
		{
			name: "coordinate is not a number",
			src:  head + "locations:\n  - location_type: physical\n    latitude: north\n    longitude: -77\n",
			want: []diag.Problem{{Line: 5, Col: 15, Msg: "`locations[0].latitude` must be a number, not `north`"}},
		},
		{
			name: "bad service language",
			src:  head + "services:\n  - name: Calls\n    languages: [es, spanish]\n",
			want: []diag.Problem{{Line: 5, Col: 16, Msg: "language \"spanish\" is not an ISO 639 code", Hint: "use two-letter codes such as en, es, zh"}},
		},
		{
			name: "service without name",
			src:  head + "services:\n  - description: Calls\n",
			want: []diag.Problem{{Line: 4, Col: 5, Msg: "a service has no `name`", Hint: "add `name:` to the service"}},
		},
		{
			name: "bad urgency",
			src:  head + "services:\n  - name: Calls\n    urgency: high\n",
			want: []diag.Problem{{Line: 5, Col: 14, Msg: "urgency \"high\" is not known", Hint: "use urgent or non-urgent, or leave it out"}},
		},
		{
			name: "min age above max age",
			src:  head + "services:\n  - name: Youth\n    minimum_age: 18\n    maximum_age: 12\n",
			want: []diag.Problem{{Line: 5, Col: 18, Msg: "minimum_age 18 is above maximum_age 12"}},
		},
		{
			name: "bad byday MON",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MON\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n",
			want: []diag.Problem{{Line: 7, Col: 16, Msg: "`byday`: \"MON\": \"MON\" is not a day code; use \"MO\" (days are two-letter codes: MO, TU, WE, TH, FR, SA, SU)"}},
		},
		{
			name: "bad opens_at 25:00",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        opens_at: \"25:00\"\n        closes_at: \"17:00\"\n",
			want: []diag.Problem{{Line: 8, Col: 19, Msg: "`opens_at`: \"25:00\": expected a time of day as HH:MM, from 00:00 to 24:00", Hint: "write it as \"09:00\""}},
		},
		{
			name: "missing closes_at",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        opens_at: \"09:00\"\n",
			want: []diag.Problem{{Line: 7, Col: 9, Msg: "`closes_at`: \"\": expected a time of day as HH:MM, from 00:00 to 24:00", Hint: "write it as \"19:00\""}},
		},
		{
			name: "open_24_7 together with byday",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - open_24_7: true\n        byday: MO,TU\n",
			want: []diag.Problem{{Line: 7, Col: 20, Msg: "a row with open_24_7 cannot also give days or times", Hint: "remove byday, opens_at and closes_at from this row"}},
		},
		{
			name: "row without days",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - opens_at: \"09:00\"\n        closes_at: \"17:00\"\n",
			want: []diag.Problem{{Line: 7, Col: 9, Msg: "a schedule row needs the days it applies to", Hint: "add `byday: MO,TU,WE,TH,FR` (or `open_24_7: true`)"}},
		},
		{
			name: "bad valid_from",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - open_24_7: true\n      - closed: true\n        valid_from: 2026-12-32\n",
			want: []diag.Problem{{Line: 9, Col: 21, Msg: "`valid_from`: \"2026-12-32\": expected a calendar date as YYYY-MM-DD, e.g. 2026-12-25", Hint: "write a date such as 2026-12-24"}},
		},
		{
			name: "unknown schedule timezone",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - open_24_7: true\n        timezone: EST5EDT6\n",
			want: []diag.Problem{{Line: 8, Col: 19, Msg: "unknown time zone \"EST5EDT6\"", Hint: "use an IANA zone name such as America/New_York"}},
		},
		{
			name: "schedule rows in two explicit time zones",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n        timezone: America/Chicago\n      - byday: TU\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n        timezone: America/Denver\n",
			want: []diag.Problem{{Line: 14, Col: 19, Msg: "schedules of one service use two time zones", Hint: "give all of a service's schedules the same timezone"}},
		},
		{
			// The first row is in the organization's zone, New York; the
			// second must not silently move it to Los Angeles.
			name: "schedule row in another zone than the organization's",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n      - byday: TU\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n        timezone: America/Los_Angeles\n",
			want: []diag.Problem{{Line: 13, Col: 19, Msg: "schedules of one service use two time zones", Hint: "give all of a service's schedules the same timezone"}},
		},
		{
			name: "schedule row in the organization's zone after one in another zone",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n        timezone: America/Los_Angeles\n      - byday: TU\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n",
			want: []diag.Problem{{Line: 11, Col: 9, Msg: "schedules of one service use two time zones", Hint: "give all of a service's schedules the same timezone"}},
		},
		{
			name: "schedule without any timezone",
			src:  head + "services:\n  - name: Calls\n    schedules:\n      - open_24_7: true\n",
			want: []diag.Problem{{Line: 6, Col: 7, Msg: "the schedule has no time zone", Hint: "add `timezone: America/New_York` (or the right zone) to the organization or the schedule row"}},
		},
		{
			name: "schedule that is never open",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        opens_at: \"09:00\"\n        closes_at: \"09:00\"\n",
			want: []diag.Problem{{Line: 7, Col: 7, Msg: "rule 1: opens_at and closes_at are both 09:00, so it is never open; for all day use 00:00 to 24:00, for around the clock use 24/7"}},
		},
		{
			name: "unknown top-level key close to a known one",
			src:  head + "websit: https://example.org\n",
			want: []diag.Problem{{Line: 3, Col: 1, Msg: "unknown key `websit`", Hint: "did you mean `website`?"}},
		},
		{
			name: "unknown top-level key",
			src:  head + "founded: 1990\n",
			want: []diag.Problem{{Line: 3, Col: 1, Msg: "unknown key `founded`", Hint: "known keys are: name, alternate_name, description, website, email, last_verified, sources, draft, timezone, phones, locations, services, tags"}},
		},
		{
			name: "unknown phone key",
			src:  head + "phones:\n  - numbr: \"711\"\n    type: tty\n",
			want: []diag.Problem{{Line: 4, Col: 5, Msg: "unknown key `phones[0].numbr`", Hint: "did you mean `number`?"}},
		},
		{
			name: "unknown schedule key",
			src:  zone + "services:\n  - name: Calls\n    schedules:\n      - byday: MO\n        open_at: \"09:00\"\n",
			// Reported in one pass: the checks after decoding run too.
			want: []diag.Problem{
				{Line: 7, Col: 9, Msg: "`closes_at`: \"\": expected a time of day as HH:MM, from 00:00 to 24:00", Hint: "write it as \"19:00\""},
				{Line: 7, Col: 9, Msg: "`opens_at`: \"\": expected a time of day as HH:MM, from 00:00 to 24:00", Hint: "write it as \"09:00\""},
				{Line: 8, Col: 9, Msg: "unknown key `services[0].schedules[0].open_at`", Hint: "did you mean `opens_at`?"},
			},
		},
		{
			name: "HSDS list of addresses",
			src:  head + "locations:\n  - location_type: physical\n    addresses:\n      - city: Springfield\n",
			want: []diag.Problem{{Line: 5, Col: 5, Msg: "unknown key `locations[0].addresses`", Hint: "did you mean `address`?"}},
		},
		{
			name: "duplicate key",
			src:  head + "name: Other House\n",
			want: []diag.Problem{{Line: 3, Col: 1, Msg: "duplicate key `name`: it is already set on line 1", Hint: "remove one of them"}},
		},
		{
			name:    "second document",
			src:     head + "\n---\nname: Other House\n",
			want:    []diag.Problem{{Line: 4, Col: 1, Msg: "a second YAML document starts here, and only one is read", Hint: "remove the `---` line, or move the rest into its own file"}},
			wantNil: true,
		},
		{
			name:    "not a mapping",
			src:     "- name: Safe House\n",
			want:    []diag.Problem{{Line: 1, Col: 1, Msg: "the document must be a mapping of keys to values, not a list"}},
			wantNil: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, got := load(t, tc.src)
			for i := range tc.want {
				tc.want[i].File = orgFile
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if (o == nil) != tc.wantNil {
				t.Errorf("Load returned %v, want nil: %v", o, tc.wantNil)
			}
		})
	}
}

func TestLoadConfidential(t *testing.T) {
	src := `name: Safe House
description: A shelter.
locations:
  - name: Shelter
    location_type: confidential
    description: Call the hotline for a safe way in.
    address:
      attention: House manager
      address_1: 12 Hidden Lane
      address_2: Back door
      city: Springfield
      region: Sangamon County
      state_province: IL
      postal_code: "62701"
      country: US
    latitude: 39.8
    longitude: -89.6
  - name: Mail
    location_type: postal
    address:
      address_1: P.O. Box 1
      city: Springfield
      state_province: IL
      postal_code: "62705"
      country: US
`
	o, problems := load(t, src)
	if len(problems) != 0 || o == nil {
		t.Fatalf("Load: %v, %v", o, problems)
	}
	got := o.Locations[0]
	got.Address.Pos, got.Pos = diag.Positions{}, diag.Positions{}
	// Only the city, state and country are left: the name, description
	// and region can give the place away too ("Maple St house", "Gate
	// code ...").
	want := Location{
		LocationType: "confidential",
		Address:      Address{City: "Springfield", StateProvince: "IL", Country: "US"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("confidential location mismatch (-want +got):\n%s", diff)
	}
	if !got.Confidential() {
		t.Errorf("Confidential() = false")
	}
	if mail := o.Locations[1]; mail.Address.Address1 != "P.O. Box 1" || mail.Address.PostalCode != "62705" || mail.Confidential() {
		t.Errorf("a postal location lost its address: %+v", mail.Address)
	}
}

// TestLoadConfidentialInvalid checks that the address is blanked even when
// the location has other problems: the build fails, but nothing printed
// from the loaded data may carry the street address.
func TestLoadConfidentialInvalid(t *testing.T) {
	src := "name: Safe House\ndescription: A shelter.\nlocations:\n  - location_type: confidential\n    address: {address_1: 12 Hidden Lane, postal_code: \"62701\", city: Springfield}\n    latitude: 95\n    longitude: -89.6\n"
	o, problems := load(t, src)
	if len(problems) != 1 || o == nil {
		t.Fatalf("Load: %v, %v", o, problems)
	}
	for _, p := range problems {
		if strings.Contains(p.Error(), "Hidden") || strings.Contains(p.Error(), "62701") {
			t.Errorf("a problem shows the confidential address: %v", p)
		}
	}
	a := o.Locations[0].Address
	if a.Address1 != "" || a.PostalCode != "" || o.Locations[0].Latitude != nil || a.City != "Springfield" {
		t.Errorf("confidential address after Load = %+v", a)
	}
}

func TestLoadBundled(t *testing.T) {
	read := func(name string) *Organization {
		t.Helper()
		data, err := os.ReadFile("../../content/organizations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var l diag.List
		o := Load("content/organizations/"+name, data, &l)
		if ps := l.Sorted(); len(ps) != 0 {
			t.Errorf("%s: want no problems, got:\n%v", name, (&diag.ListError{Problems: ps}).Error())
		}
		if o == nil {
			t.Fatalf("%s: Load returned nil", name)
		}
		return o
	}

	t.Run("nhtrc", func(t *testing.T) {
		o := read("nhtrc.yaml")
		if o.ID != "nhtrc" || o.Name != "National Human Trafficking Hotline" {
			t.Errorf("ID, Name = %q, %q", o.ID, o.Name)
		}
		if len(o.Services) != 7 {
			t.Errorf("got %d services, want 7", len(o.Services))
		}
		type phone struct{ Type, E164, Href string }
		var got []phone
		for _, p := range o.Phones {
			got = append(got, phone{p.Type, p.E164, p.Href()})
		}
		want := []phone{
			{"hotline", "+18883737888", "tel:+18883737888"},
			{"text", "233733", "sms:233733"},
			{"tty", "711", "tel:711"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("phones mismatch (-want +got):\n%s", diff)
		}
		var open247, weekdays int
		for _, s := range o.Services {
			switch {
			case s.Hours == nil:
				t.Errorf("service %q has no hours", s.Name)
			case s.Hours.AlwaysOpen:
				open247++
			case len(s.Hours.Ranges) == 1 && s.Hours.Ranges[0].Opens == 9*60 && s.Hours.Ranges[0].Closes == 19*60:
				weekdays++
			}
		}
		if open247 != 4 || weekdays != 3 {
			t.Errorf("services open 24/7: %d, open 9 to 7 on weekdays: %d; want 4 and 3", open247, weekdays)
		}
	})

	t.Run("polaris-project", func(t *testing.T) {
		o := read("polaris-project.yaml")
		var got []string
		for _, p := range o.Phones {
			got = append(got, p.Href())
		}
		if diff := cmp.Diff([]string{"tel:+12027451001", "tel:+12027451119"}, got); diff != "" {
			t.Errorf("phones mismatch (-want +got):\n%s", diff)
		}
		if len(o.Locations) != 1 || o.Locations[0].Address.PostalCode != "20013" {
			t.Errorf("locations = %+v", o.Locations)
		}
	})
}

// TestLoadScheduleZone checks which zone a service's hours are in: the
// organization's, unless every row names the same other one.
func TestLoadScheduleZone(t *testing.T) {
	const head = "name: Safe House\ndescription: A shelter.\ntimezone: America/New_York\nservices:\n  - name: Calls\n    schedules:\n"
	for _, tc := range []struct {
		name, rows, want string
	}{
		{
			name: "organization's zone",
			rows: "      - byday: MO\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n",
			want: "America/New_York",
		},
		{
			name: "every row in another zone",
			rows: "      - byday: MO\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n        timezone: America/Los_Angeles\n" +
				"      - closed: true\n        valid_from: 2026-12-25\n        timezone: America/Los_Angeles\n",
			want: "America/Los_Angeles",
		},
		{
			name: "rows naming the organization's zone",
			rows: "      - open_24_7: true\n        timezone: America/New_York\n      - closed: true\n        valid_from: 2026-12-25\n",
			want: "America/New_York",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, problems := load(t, head+tc.rows)
			if len(problems) != 0 || o == nil {
				t.Fatalf("Load: %v", problems)
			}
			h := o.Services[0].Hours
			if h == nil || h.Zone == nil || h.Zone.String() != tc.want {
				t.Errorf("Hours = %+v, want zone %s", h, tc.want)
			}
		})
	}
}
