package site

import (
	"testing"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// TestDecapEmptyValues feeds the decoders exactly what Decap CMS writes when
// an editor clears an optional number, date or list field: `”`. Each is
// the field left out, never a build error.
func TestDecapEmptyValues(t *testing.T) {
	const org = "name: Safe House\ndescription: A shelter.\n"
	for _, tc := range []struct {
		name  string
		page  string // front matter lines, or
		org   string // organization file lines after org
		check func(t *testing.T, m Meta, o *directory.Organization)
	}{
		{name: "weight", page: "weight: ''", check: func(t *testing.T, m Meta, _ *directory.Organization) {
			if m.Weight != 0 {
				t.Errorf("weight = %d, want 0", m.Weight)
			}
		}},
		{name: "weight double quotes", page: `weight: ""`, check: func(t *testing.T, m Meta, _ *directory.Organization) {
			if m.Weight != 0 {
				t.Errorf("weight = %d, want 0", m.Weight)
			}
		}},
		{name: "lastmod", page: "lastmod: ''", check: func(t *testing.T, m Meta, _ *directory.Organization) {
			if !m.Lastmod.IsZero() {
				t.Errorf("lastmod = %v, want unset", m.Lastmod)
			}
		}},
		{name: "date", page: "date: ''", check: func(t *testing.T, m Meta, _ *directory.Organization) {
			if !m.Date.IsZero() {
				t.Errorf("date = %v, want unset", m.Date)
			}
		}},
		{name: "tags", page: "tags: ''", check: func(t *testing.T, m Meta, _ *directory.Organization) {
			if m.Tags != nil {
				t.Errorf("tags = %q, want none", m.Tags)
			}
		}},
		{name: "latitude and longitude", org: "locations:\n  - name: Office\n    location_type: physical\n    latitude: ''\n    longitude: ''\n",
			check: func(t *testing.T, _ Meta, o *directory.Organization) {
				if loc := o.Locations[0]; loc.Latitude != nil || loc.Longitude != nil {
					t.Errorf("coordinates = %v, %v, want none", loc.Latitude, loc.Longitude)
				}
			}},
		{name: "minimum_age", org: "services:\n  - name: Shelter\n    minimum_age: ''\n    maximum_age: ''\n",
			check: func(t *testing.T, _ Meta, o *directory.Organization) {
				if s := o.Services[0]; s.MinimumAge != nil || s.MaximumAge != nil {
					t.Errorf("ages = %v, %v, want none", s.MinimumAge, s.MaximumAge)
				}
			}},
		{name: "last_verified", org: "last_verified: ''\n", check: func(t *testing.T, _ Meta, o *directory.Organization) {
			if !o.LastVerified.IsZero() {
				t.Errorf("last_verified = %v, want unset", o.LastVerified)
			}
		}},
		{name: "organization tags", org: "tags: ''\n", check: func(t *testing.T, _ Meta, o *directory.Organization) {
			if o.Tags != nil {
				t.Errorf("tags = %q, want none", o.Tags)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &diag.List{}
			var m Meta
			var o *directory.Organization
			if tc.page != "" {
				var ok bool
				m, _, ok = parseFrontMatter(fmFile, []byte("---\ntitle: Shelters\n"+tc.page+"\n---\nBody\n"), l)
				if !ok {
					t.Errorf("parseFrontMatter failed")
				}
			} else {
				o = directory.Load("content/organizations/safe-house.yaml", []byte(org+tc.org), l)
				if o == nil {
					t.Fatalf("Load failed: %v", l.Sorted())
				}
			}
			for _, p := range l.Sorted() {
				t.Errorf("unexpected problem: %s", p.Error())
			}
			tc.check(t, m, o)
		})
	}
}
