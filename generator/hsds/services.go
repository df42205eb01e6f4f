package hsds

import (
	"slices"
	"strconv"
	"strings"
)

func (x *importer) services() {
	t := x.tables["services"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		var o *org
		var loc *location
		if f := t.get(r, "location_id"); f.Value() != "" && !t.has("organization_id") {
			// HSDS 1.0 and Ohana: a service belongs to a location.
			if loc = x.locByID[f.Value()]; loc == nil {
				x.warn(f, "", "`location_id` %q is not in locations.csv: this service is not imported", f.Value())
				continue
			}
			o = loc.org
		} else if o = x.orgOf(t, r, "service"); o == nil {
			continue
		}
		s := &service{org: o, name: t.get(r, "name").Value(), desc: t.get(r, "description").Text(),
			elig: t.get(r, "eligibility_description", "eligibility").Text()}
		s.nameField = t.get(r, "name")
		if st := t.get(r, "status"); st.Value() != "" {
			switch strings.ToLower(st.Value()) {
			case "active":
			case "inactive", "defunct":
				x.warn(st, "", "`status` is %q: the service is not imported", st.Value())
				continue
			case "temporarily closed":
				s.desc = strings.TrimSpace("Temporarily closed. " + s.desc)
			default:
				x.warn(st, "use active, inactive, defunct or temporarily closed", "`status` %q is not known: the service is imported as active", st.Value())
			}
		}
		s.min = x.age(t.get(r, "minimum_age"))
		s.max = x.age(t.get(r, "maximum_age"))
		if s.min != nil && s.max != nil && *s.min > *s.max {
			x.warn(t.get(r, "minimum_age"), "", "`minimum_age` %d is above `maximum_age` %d: both are left out", *s.min, *s.max)
			s.min, s.max = nil, nil
		}
		if f := t.get(r, "assured_date"); f.Value() != "" {
			if d, err := parseDate(f.Value()); err != nil {
				x.warn(f, "", "`assured_date`: %v: left out", err)
			} else if o.verified.IsZero() || d.String() < o.verified.String() {
				o.verified = d
			}
		}
		if f := t.get(r, "last_modified"); f.Value() != "" {
			if d, err := parseDate(f.Value()); err != nil {
				x.warn(f, "", "`last_modified`: %v: left out", err)
			} else if d.String() > o.changed.String() {
				o.changed = d
			}
		}
		s.languages = x.languageList(t.get(r, "languages"))
		if loc != nil {
			s.locations = append(s.locations, loc)
			loc.services = append(loc.services, s)
		}
		o.services = append(o.services, s)
		x.svcByID[idOf(t, r)] = s
	}
}

func (x *importer) age(f field) *int {
	if f.Value() == "" {
		return nil
	}
	v, err := strconv.ParseFloat(f.Value(), 64)
	if err != nil || v < 0 || v > 150 || v != float64(int(v)) {
		x.warn(f, "", "`%s` %q is not an age in whole years: left out", f.name(), f.Value())
		return nil
	}
	n := int(v)
	return &n
}

// languageList reads a list of languages in one cell (Ohana: "English,
// Spanish", or a Postgres array "{English,Spanish}").
func (x *importer) languageList(f field) []string {
	v := strings.Trim(f.Value(), "{}[]")
	var codes []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '/' }) {
		part = strings.Trim(strings.TrimSpace(part), `"'`)
		if part == "" {
			continue
		}
		code, err := languageCode(part)
		if err != nil {
			x.warn(f, "write ISO 639 codes such as en, es, zh", "`%s`: %v: left out", f.name(), err)
			continue
		}
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes
}

func (x *importer) serviceAtLocation() {
	t := x.tables["service_at_location"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		sf, lf := t.get(r, "service_id"), t.get(r, "location_id")
		s, loc := x.svcByID[sf.Value()], x.locByID[lf.Value()]
		if s == nil {
			x.warn(sf, "", "`service_id` %q is not in services.csv: this link is not imported", sf.Value())
			continue
		}
		x.salByID[idOf(t, r)] = s
		if loc == nil {
			x.warn(lf, "", "`location_id` %q is not in locations.csv: this link is not imported", lf.Value())
			continue
		}
		if loc.org != s.org {
			x.warn(lf, "", "location %q belongs to another organization than service %q: this link is not imported", lf.Value(), sf.Value())
			continue
		}
		s.locations = append(s.locations, loc)
		loc.services = append(loc.services, s)
	}
}

// languages reads HSDS 3's languages.csv: each row gives a language of a
// service or a phone; those of a location go to its services.
func (x *importer) languages() {
	t := x.tables["languages"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		f := t.get(r, "code")
		if f.Value() == "" {
			f = t.get(r, "name")
		}
		code, err := languageCode(f.Value())
		if err != nil {
			x.warn(f, "write ISO 639 codes such as en, es, zh", "`%s`: %v: left out", f.name(), err)
			continue
		}
		used := false
		add := func(list *[]string) {
			used = true
			if !slices.Contains(*list, code) {
				*list = append(*list, code)
			}
		}
		if s := x.svcByID[t.get(r, "service_id").Value()]; s != nil {
			add(&s.languages)
		}
		if p := x.phoneByID[t.get(r, "phone_id").Value()]; p != nil {
			add(&p.languages)
		}
		if l := x.locByID[t.get(r, "location_id").Value()]; l != nil && !used {
			add(&l.languages)
		}
		if !used {
			x.warn(f, "", "the language belongs to no service, phone or location that was imported: left out")
		}
	}
}
