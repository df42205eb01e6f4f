package directory

import (
	"os"
	"strings"
	"testing"

	"resourcelib/generator/diag"
)

// FuzzLoadOrganization checks that Load never panics or hangs on any bytes,
// that a nil result always comes with an error, and that a confidential
// location never keeps its street address.
func FuzzLoadOrganization(f *testing.F) {
	for _, name := range []string{"nhtrc.yaml", "polaris-project.yaml"} {
		data, err := os.ReadFile("../../content/organizations/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		"",
		"name: x\ndescription: y\nlocations:\n  - location_type: confidential\n    address: {address_1: 1 Main St, city: A}\n    latitude: 1\n    longitude: 2\n",
		"name: x\ndescription: y\ntimezone: America/New_York\nservices:\n  - name: s\n    minimum_age: 3\n    maximum_age: 1\n    schedules:\n      - byday: MON\n        opens_at: \"25:00\"\n      - open_24_7: true\n        closed: true\n        valid_from: 2026-12-25\n",
		"name: x\ndescription: y\nphones:\n  - number: \"+44 20 7946 0000\"\n    type: fax\n    languages: [en, x]\n",
		"base: &b {number: \"711\", type: tty}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var l diag.List
		o := Load("content/organizations/x.yaml", data, &l)
		errs, _ := l.Count()
		if o == nil && errs == 0 {
			t.Errorf("Load returned nil without an error")
		}
		if o == nil {
			return
		}
		for _, loc := range o.Locations {
			if loc.Confidential() && (loc.Address.Address1 != "" || loc.Address.Address2 != "" || loc.Address.PostalCode != "" || loc.Latitude != nil || loc.Longitude != nil) {
				t.Errorf("confidential location keeps its address: %+v", loc)
			}
		}
		for _, p := range o.Phones {
			if p.E164 != "" && strings.ContainsAny(p.Href(), " \n") {
				t.Errorf("phone link %q has spaces", p.Href())
			}
		}
	})
}

// FuzzNormalizePhone checks that NormalizePhone never panics, and that what
// it accepts is either an E.164 number or a short code of digits.
func FuzzNormalizePhone(f *testing.F) {
	for _, seed := range [][2]string{
		{"1-888-373-7888", "hotline"}, {"(202) 745-1001", "voice"}, {"1.888.3737.888", "voice"},
		{"+44 20 7946 0000", "voice"}, {"233733", "text"}, {"711", "tty"}, {"555", "voice"},
		{"abc", "fax"}, {"", "voice"}, {"+1 (202) 745-1001 ext. 12", "voice"}, {"1-800-FLOWERS", "voice"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, number, typ string) {
		got, err := NormalizePhone(number, typ)
		if err != nil {
			if got != "" {
				t.Errorf("NormalizePhone(%q, %q) = %q and error %v", number, typ, got, err)
			}
			return
		}
		digits := strings.TrimPrefix(got, "+")
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			t.Errorf("NormalizePhone(%q, %q) = %q, want + and digits, or digits", number, typ, got)
		}
		if !strings.HasPrefix(got, "+") && len(got) != 3 && typ != "text" {
			t.Errorf("NormalizePhone(%q, %q) = short code %q for a %s line", number, typ, got, typ)
		}
	})
}
