// Package directory reads the organization directory: one YAML file per
// organization under content/organizations/, shaped after Open Referral HSDS 3
// (https://docs.openreferral.org), with the few changes that make it easier to
// write by hand.
//
// # An organization file
//
//	name: National Human Trafficking Hotline     # required
//	alternate_name: NHTRC
//	description: Answers calls, texts and emails ... # required
//	website: https://humantraffickinghotline.org
//	email: help@humantraffickinghotline.org
//	last_verified: 2026-11-28                    # the day a person checked these facts
//	sources:                                     # where the facts come from (shown on the page)
//	  - title: The coalition's "National Human Trafficking Hotline" page
//	    url: https://example.org/hotline         # its address, if it has one
//	    accessed: 2026-11-28                     # the day it was read
//	draft: true                                  # keeps it off the site (unless -drafts)
//	timezone: America/New_York                   # IANA zone for schedules that name none
//	phones:
//	  - number: "1-888-373-7888"                 # as written; checked and normalised
//	    type: hotline                            # voice, text, fax, tty or hotline
//	    display: "1-888-373-7888"                # optional: how to show it
//	    description: Call 24 hours a day
//	    languages: [en, es]                      # ISO 639-1 codes
//	locations:
//	  - name: Office
//	    location_type: physical                  # physical, postal, virtual or confidential
//	    address: {address_1: ..., city: ..., state_province: ..., postal_code: ..., country: US}
//	    latitude: 38.9
//	    longitude: -77.0
//	services:
//	  - name: Crisis calls
//	    description: ...
//	    urgency: urgent                          # urgent or non-urgent
//	    languages: [en]
//	    eligibility: Anyone in the United States
//	    minimum_age: 0
//	    maximum_age: 0
//	    schedules:
//	      - open_24_7: true
//	      - byday: MO,TU,WE,TH,FR                 # HSDS/iCalendar day codes
//	        opens_at: "09:00"
//	        closes_at: "19:00"
//	        timezone: America/New_York           # defaults to the organization's
//	        valid_from: 2026-12-24               # optional date range
//	        valid_to: 2026-12-26
//	        closed: true                         # a closure (holiday) instead of opening hours
//	    after_hours: Outside these hours, leave a message ...
//
// The file's name (without .yaml) is the organization's id and the last part
// of its URL: organizations/nhtrc.yaml is /organizations/nhtrc/.
//
// last_verified is the day a person checked the facts against their
// sources, and nothing else: facts copied from a page nobody has checked
// since carry that page in sources (with the day it was read as accessed)
// and no last_verified. A source needs a title; its url, if given, must be
// a web address. Write sources as data, not as YAML comments: the CMS drops
// comments when it saves a file.
//
// A draft organization (draft: true) is left out of the build, as a draft
// page is: no page, no entry in lists, feeds, search or the HSDS export,
// unless the build is given -drafts.
//
// Differences from HSDS 3, on purpose: a location has one `address` instead of
// a list; `timezone` is an IANA name, not a UTC offset; a schedule row may say
// `open_24_7: true` or `closed: true`; `eligibility` is HSDS's
// eligibility_description; languages are plain codes, not objects. The HSDS
// export (package hsds, which every build publishes in hsds/) maps each of
// them back, and import-hsds reads HSDS CSV files into this format.
//
// # Translations
//
// The description, a service's name, description, eligibility and
// after_hours, a phone's description and a location's name and
// description may be given in each other language of the site beside the
// original, with the language's code after the key:
//
//	description: Answers calls, texts and emails ...
//	description_es: Atiende llamadas, mensajes de texto y correos ...
//	services:
//	  - name: Crisis calls
//	    name_es: Llamadas de crisis
//
// The plain key is the original, in the site's default language; a page in
// a language that has no translation of a text shows the original, marked
// with its language (lang="en"). Everything else (names of organizations,
// phones, addresses, hours) is written once.
//
// # Confidential locations
//
// A location with location_type confidential (a shelter) shows only its
// city, state and country anywhere in the output. Load blanks every other
// field of it: its name (a name such as "Maple St house" gives the place
// away), description (which may hold a gate code), and the address's
// attention, address_1, address_2, region and postal_code, and the
// coordinates. No template, feed, index or export can read them: what was
// blanked is kept only in an unexported field, for the check below.
//
// Repeating the address elsewhere is an error. [CheckConfidential] looks
// in every value of every organization file (a description, a phone's or
// a service's description, eligibility, another location's name or
// address), and [Secrets.CheckText] in any other file the site publishes
// (pages, their front matter, the site settings), for:
//
//   - the street address, in any case and punctuation, with the street
//     type and directions written out or abbreviated (Lane or Ln, North or
//     N) or left out: "4417 N. Quokka Ln", "4417 quokka lane", "4417
//     Quokka", even inside a web address (4417%20Quokka) or with HTML
//     entities;
//   - the street without its number ("Quokka Lane"), the unit ("Unit 9",
//     "#9", "Apt 9", "Suite 9") and the postal code ("93499"), each when it
//     stands within a few words of the city, the state (CA or California),
//     the street, or the word ZIP: "Zebraville, CA 93499";
//   - the coordinates: latitude and longitude within a few words of each
//     other, to two decimals or more, rounded or cut (35.12, -120.57), in
//     decimals or in degrees and minutes.
//
// The problem names the place of the repeated address and the location it
// belongs to, never the address itself, since build logs may be seen by
// more people than the files. A street name alone, away from the city, is
// not looked for (Main Street is in every town), nor is a postal code
// alone: an office that shares the shelter's postal code writes it in its
// own location's `postal_code`, where it is not taken for the shelter's.
package directory

import (
	"time"

	"resourcelib/generator/diag"
	"resourcelib/generator/hours"
)

// Organization is one organization file.
type Organization struct {
	ID            string         `yaml:"-"` // from the file name
	File          string         `yaml:"-"` // path relative to the site source
	Name          string         `yaml:"name"`
	AlternateName string         `yaml:"alternate_name"`
	Description   string         `yaml:"description"`
	Website       string         `yaml:"website"`
	Email         string         `yaml:"email"`
	LastVerified  time.Time      `yaml:"last_verified"`
	Sources       []Source       `yaml:"sources"`
	Draft         bool           `yaml:"draft"`
	Timezone      string         `yaml:"timezone"`
	Phones        []Phone        `yaml:"phones"`
	Locations     []Location     `yaml:"locations"`
	Services      []Service      `yaml:"services"`
	Tags          []string       `yaml:"tags"`
	Pos           diag.Positions `yaml:"-"`
	Zone          *time.Location `yaml:"-"` // resolved Timezone, or nil

	// Translations are the description_LANG keys (see "Translations").
	Translations Translations `yaml:"-"`

	// What Load blanked in confidential locations, and the file as
	// written, for CheckConfidential alone: unexported, so that no
	// template, export or index can reach them.
	secrets []secret
	src     []byte
}

// Source is where the organization's facts were found: a web page, a
// leaflet, a phone call. It is shown on the organization's page.
type Source struct {
	Title    string    `yaml:"title"`    // what it is: "Coast Shelter's home page"
	URL      string    `yaml:"url"`      // its address, if it has one
	Accessed time.Time `yaml:"accessed"` // the day it was read
	Pos      diag.Positions
}

// Phone is a phone number and how to reach it.
type Phone struct {
	Number      string   `yaml:"number"`
	Type        string   `yaml:"type"` // voice, text, fax, tty, hotline
	Display     string   `yaml:"display"`
	Extension   string   `yaml:"extension"`
	Description string   `yaml:"description"`
	Languages   []string `yaml:"languages"`
	Pos         diag.Positions

	// Translations are the description_LANG keys (see "Translations").
	Translations Translations `yaml:"-"`

	// E164 is the normalised number (+18883737888), or the short code
	// itself (233733, 711) for numbers that only work inside a country.
	E164 string `yaml:"-"`
}

// Href is the link that dials (or, for text lines, texts) the number.
func (p Phone) Href() string {
	if p.Type == "text" {
		return "sms:" + p.E164
	}
	return "tel:" + p.E164
}

// Text is how the number is shown to people.
func (p Phone) Text() string {
	if p.Display != "" {
		return p.Display
	}
	return p.Number
}

// Location is a place where the organization can be found or written to.
type Location struct {
	Name         string   `yaml:"name"`
	LocationType string   `yaml:"location_type"` // physical, postal, virtual, confidential
	Description  string   `yaml:"description"`
	Address      Address  `yaml:"address"`
	Latitude     *float64 `yaml:"latitude"`
	Longitude    *float64 `yaml:"longitude"`
	Pos          diag.Positions

	// Translations are the name_LANG and description_LANG keys (see
	// "Translations").
	Translations Translations `yaml:"-"`
}

// Confidential reports whether the location's street address must not be
// published.
func (l Location) Confidential() bool { return l.LocationType == "confidential" }

// Address is a postal address.
type Address struct {
	Attention     string `yaml:"attention"`
	Address1      string `yaml:"address_1"`
	Address2      string `yaml:"address_2"`
	City          string `yaml:"city"`
	Region        string `yaml:"region"`
	StateProvince string `yaml:"state_province"`
	PostalCode    string `yaml:"postal_code"`
	Country       string `yaml:"country"`
	Pos           diag.Positions
}

// Service is something the organization does for people.
type Service struct {
	ID          string        `yaml:"id"`
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Urgency     string        `yaml:"urgency"` // urgent, non-urgent or empty
	Languages   []string      `yaml:"languages"`
	Eligibility string        `yaml:"eligibility"`
	MinimumAge  *int          `yaml:"minimum_age"`
	MaximumAge  *int          `yaml:"maximum_age"`
	Schedules   []ScheduleRow `yaml:"schedules"`
	AfterHours  string        `yaml:"after_hours"`
	Pos         diag.Positions

	// Hours is the schedule built from Schedules; nil when none is given.
	Hours *hours.Schedule `yaml:"-"`

	// Translations are the name_LANG, description_LANG, eligibility_LANG
	// and after_hours_LANG keys (see "Translations").
	Translations Translations `yaml:"-"`
}

// ScheduleRow is one HSDS schedule row.
type ScheduleRow struct {
	OpenAllDay  bool   `yaml:"open_24_7"`
	ByDay       string `yaml:"byday"`
	OpensAt     string `yaml:"opens_at"`
	ClosesAt    string `yaml:"closes_at"`
	Timezone    string `yaml:"timezone"`
	ValidFrom   string `yaml:"valid_from"`
	ValidTo     string `yaml:"valid_to"`
	Closed      bool   `yaml:"closed"`
	Description string `yaml:"description"`
	Pos         diag.Positions
}
