package directory

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
)

// shelter is a synthetic organization with one confidential location.
const shelter = `# Synthetic test data: not a real organization.
name: Zebraville Safe House
description: A synthetic shelter used by tests.
locations:
  - name: Maple St house
    location_type: confidential
    description: Gate code 4417, blue door.
    address:
      attention: Night desk
      address_1: 4417 North Quokka Lane
      address_2: Unit 9
      city: Zebraville
      region: Quokka Heights
      state_province: CA
      postal_code: "93499-0001"
      country: US
    latitude: 35.1234
    longitude: -120.5678
`

func shelterSecrets(t *testing.T) *Secrets {
	t.Helper()
	var l diag.List
	o := Load("content/organizations/shelter.yaml", []byte(shelter), &l)
	if o == nil || len(l.Sorted()) != 0 {
		t.Fatalf("Load: %v", l.Sorted())
	}
	s := CheckConfidential([]*Organization{o}, &l)
	if s == nil {
		t.Fatal("no secrets collected")
	}
	if ps := l.Sorted(); len(ps) != 0 {
		t.Fatalf("the shelter's own file is reported: %v", ps)
	}
	return s
}

// TestFindConfidential lists ways an editor may repeat a confidential
// address, and texts that only look like one.
func TestFindConfidential(t *testing.T) {
	s := shelterSecrets(t)
	for _, tc := range []struct {
		text string
		want []string // what each match gives away, in order
	}{
		// The street address, anywhere.
		{"Our house is at 4417 North Quokka Lane.", []string{"the street address"}},
		{"4417 N. Quokka Ln", []string{"the street address"}},
		{"4417 quokka lane", []string{"the street address"}},
		{"4417 QUOKKA LN.", []string{"the street address"}},
		{"4417  Quokka,   Lane", []string{"the street address"}},
		{"4417 Quokka", []string{"the street address"}},
		{"4417 **Quokka** Lane", []string{"the street address"}},
		{"[4417 Quokka](https://example.org) Lane", []string{"the street address"}},
		{"4417 Quok\u200bka Lane", []string{"the street address"}},
		{"&#52;417 Quokka&nbsp;Lane", []string{"the street address"}},
		{"４４１７ Quokka Lane", []string{"the street address"}},
		{"4417 Quökka Lane", []string{"the street address"}},
		{"4417\nQuokka\n  Lane", []string{"the street address"}},
		{"https://maps.example/?q=4417%20Quokka%20Ln%2C%20Zebraville", []string{"the street address"}},
		{"https://maps.example/?q=4417+Quokka+Lane", []string{"the street address"}},
		{"4417 Quokka Lane\r\n", []string{"the street address"}},
		{"4417 Fourth Quokka Lane", nil},
		// The street without the number, the unit and the postal code
		// near the city, the state or the street.
		{"on Quokka Lane in Zebraville", []string{"the street"}},
		{"Quokka Ln., Zebraville", []string{"the street"}},
		{"Unit 9, Zebraville", []string{"the unit"}},
		{"#9 Zebraville", []string{"the unit"}},
		{"Apt 9 - Zebraville", []string{"the unit"}},
		{"Suite 9 in Zebraville", []string{"the unit"}},
		{"Zebraville, CA 93499", []string{"the postal code"}},
		{"Zebraville, California 93499", []string{"the postal code"}},
		{"93499 (Zebraville)", []string{"the postal code"}},
		{"ZIP code 93499", []string{"the postal code"}},
		{"4417 Quokka Lane, Unit 9, Zebraville, CA 93499-0001",
			[]string{"the street address", "the unit", "the postal code"}},
		// The coordinates, both of them, rounded or cut.
		{"35.1234, -120.5678", []string{"the coordinates"}},
		{"35.12,-120.57", []string{"the coordinates"}},
		{"35.12 -120.56", []string{"the coordinates"}},
		{"35.123 N, 120.568 W", []string{"the coordinates"}},
		{"35.1234N,120.5678W", []string{"the coordinates"}},
		{"35%2E1234%2C-120%2E5678", []string{"the coordinates"}},
		{"-120.5678 35.1234", []string{"the coordinates"}},
		{"https://www.openstreetmap.org/#map=18/35.1234/-120.5678", []string{"the coordinates"}},
		{"geo:35.1234,-120.5678", []string{"the coordinates"}},
		{"35°7′24″N 120°34′4″W", []string{"the coordinates"}},
		{"35° 7.4' N, 120° 34.07' W", []string{"the coordinates"}},
		// Not the address.
		{"Zebraville, CA", nil},
		{"We serve Zebraville and all of California.", nil},
		{"Quokka Lane is a street name in another town.", nil},
		{"4418 Quokka Lane", nil},
		{"4417 Quokka Road, Zebraville", []string{"the street address"}}, // the number and the name are enough
		{"Unit 9 of the training", nil},
		{"Step #9", nil},
		{"93499 people", nil},
		{"93,499 calls", nil},
		{"35.1 -120.6", nil},
		{"35.12% of 120.57", []string{"the coordinates"}}, // two numbers that close are refused anyway
		{"35.12", nil},
		{"Call 805-555-0100", nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for _, m := range s.Find(tc.text) {
				got = append(got, m.What)
				if m.Where != "content/organizations/shelter.yaml:5" {
					t.Errorf("Where = %q", m.Where)
				}
				if m.Start < 0 || m.End > len(tc.text) || m.Start >= m.End {
					t.Errorf("match %d..%d outside the text", m.Start, m.End)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestCheckConfidentialOrganization: every value of an organization file
// is checked, in that file and in the others, at its line and column; the
// confidential location's own fields are not.
func TestCheckConfidentialOrganization(t *testing.T) {
	other := `name: Coast Outreach
alternate_name: The 4417 Quokka Lane people
description: >-
  Walk-in help. Our partner shelter is
  at 4417 Quokka
  Lane.
phones:
  - number: "(805) 555-0100"
    type: voice
    description: "Ask for the house at Zebraville, CA 93499"
locations:
  - name: Office near Quokka Ln, Zebraville
    location_type: physical
    address:
      address_1: 12 Elm Street
      city: Zebraville
      state_province: CA
      postal_code: "93499"
    latitude: 35.1234
    longitude: -120.5678
  - location_type: confidential
    description: Behind 4417 Quokka Lane.
    address: {city: Zebraville, state_province: CA}
services:
  - name: Rides
    eligibility: &where 4417 Quokka Lane
    after_hours: *where
    description: "\x34417 Quokka Lane"
`
	var l diag.List
	a := Load("content/organizations/shelter.yaml", []byte(shelter), &l)
	b := Load("content/organizations/other.yaml", []byte(other), &l)
	if a == nil || b == nil {
		t.Fatalf("Load: %v", l.Sorted())
	}
	CheckConfidential([]*Organization{a, b}, &l)
	var got []string
	for _, p := range l.Sorted() {
		got = append(got, p.Error()[:strings.Index(p.Error(), " of the confidential")])
		if strings.Contains(p.Error(), "Quokka") || strings.Contains(p.Error(), "93499") {
			t.Errorf("the message repeats the secret: %s", p.Error())
		}
	}
	want := []string{
		"content/organizations/other.yaml:2:21: error: this gives the street address",
		"content/organizations/other.yaml:5:6: error: this gives the street address",
		"content/organizations/other.yaml:10:55: error: this gives the postal code",
		"content/organizations/other.yaml:12:23: error: this gives the street",
		"content/organizations/other.yaml:19:15: error: this gives the coordinates",
		"content/organizations/other.yaml:26:25: error: this gives the street address", // after the anchor
		"content/organizations/other.yaml:27:18: error: this gives the street address", // the alias
		"content/organizations/other.yaml:28:18: error: this gives the street address", // an escape: the value's start
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}

// FuzzFindConfidential checks that Find never panics, that its matches lie
// inside the text, and that the street address is found whatever text
// surrounds it.
func FuzzFindConfidential(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""},
		{"Zebraville, CA", "93499"},
		{"&#52;", "&nbsp;Lane"},
		{"35.1234,", "-120.5678"},
		{"35°7′", "24″N"},
		{"%2", "%20"},
		{"Unit", "#9"},
		{"\u200b", "\u00ad"},
	} {
		f.Add(seed[0], seed[1])
	}
	var l diag.List
	o := Load("content/organizations/shelter.yaml", []byte(shelter), &l)
	s := CheckConfidential([]*Organization{o}, &l)
	f.Fuzz(func(t *testing.T, prefix, suffix string) {
		for _, text := range []string{prefix + suffix, prefix + " 4417 Quokka Lane " + suffix} {
			ms := s.Find(text)
			for _, m := range ms {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
					t.Fatalf("Find(%q): match %d..%d outside the text", text, m.Start, m.End)
				}
			}
			if text != prefix+suffix {
				at := len(prefix) + 1
				found := false
				for _, m := range ms {
					found = found || m.Start <= at+4 && m.End > at
				}
				if !found {
					t.Errorf("Find(%q) = %+v: the street address is not found", text, ms)
				}
			}
		}
	})
}

// TestFindManyMatches: a text full of addresses gives the first hundred,
// with work linear in its length (a quadratic Find would not finish).
func TestFindManyMatches(t *testing.T) {
	s := shelterSecrets(t)
	text := strings.Repeat("Zebraville 93499, 35.12 -120.57, Unit 9; ", 50_000)
	if got := len(s.Find(text)); got != maxMatches {
		t.Errorf("%d matches, want %d", got, maxMatches)
	}
}
