package hsds

import (
	"strconv"
	"strings"
)

func (x *importer) locations() {
	t := x.tables["locations"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		o := x.orgOf(t, r, "location")
		if o == nil {
			continue
		}
		loc := &location{org: o, name: t.get(r, "name").Value(), desc: t.get(r, "description").Text(), typ: "physical"}
		if loc.desc == loc.name || loc.desc == o.name {
			loc.desc = ""
		}
		if f := t.get(r, "location_type"); f.Value() != "" {
			switch v := strings.ToLower(f.Value()); v {
			case "physical", "postal", "virtual":
				loc.typ = v
			default:
				x.warn(f, "use physical, postal or virtual", "`location_type` %q is not known: physical is used", f.Value())
			}
		}
		if f := t.get(r, "virtual"); f.Value() != "" {
			if v, err := parseBool(f.Value()); err != nil {
				x.warn(f, "", "`virtual`: %v: left out", err)
			} else if v {
				loc.typ = "virtual"
			}
		}
		x.coordinates(t, r, loc)
		loc.languagesField = t.get(r, "languages")
		loc.languages = x.languageList(loc.languagesField)
		o.locations = append(o.locations, loc)
		x.locByID[idOf(t, r)] = loc
	}
}

func (x *importer) coordinates(t *table, r row, loc *location) {
	lat, lon := t.get(r, "latitude"), t.get(r, "longitude")
	if lat.Value() == "" && lon.Value() == "" {
		return
	}
	a, errA := strconv.ParseFloat(lat.Value(), 64)
	b, errB := strconv.ParseFloat(lon.Value(), 64)
	switch {
	case lat.Value() == "":
		x.warn(lon, "", "a location needs both latitude and longitude: the longitude alone is left out")
	case lon.Value() == "":
		x.warn(lat, "", "a location needs both latitude and longitude: the latitude alone is left out")
	case errA != nil || a < -90 || a > 90:
		x.warn(lat, "latitude is a number from -90 to 90", "`latitude` %q is not a latitude: the coordinates are left out", lat.Value())
	case errB != nil || b < -180 || b > 180:
		x.warn(lon, "longitude is a number from -180 to 180", "`longitude` %q is not a longitude: the coordinates are left out", lon.Value())
	default:
		loc.lat, loc.lon = &a, &b
	}
}

// addresses reads addresses.csv (typed in HSDS 3, physical in 1.0) and the
// 1.0 and 2.0 tables of mailing and physical addresses.
func (x *importer) addresses() {
	for _, name := range []string{"addresses", "physical_addresses", "mail_addresses", "postal_addresses"} {
		t := x.tables[name]
		if t == nil {
			continue
		}
		kind := "physical"
		if name == "mail_addresses" || name == "postal_addresses" {
			kind = "postal"
		}
		for _, r := range t.rows {
			lf := t.get(r, "location_id")
			loc := x.locByID[lf.Value()]
			if loc == nil {
				x.warn(lf, "", "`location_id` %q is not in locations.csv: this address is not imported", lf.Value())
				continue
			}
			k := kind
			if f := t.get(r, "address_type"); f.Value() != "" {
				switch v := strings.ToLower(f.Value()); v {
				case "physical", "postal":
					k = v
				case "virtual":
					continue
				default:
					x.warn(f, "use physical or postal", "`address_type` %q is not known: %s is used", f.Value(), k)
				}
			}
			a := &address{
				attention: t.get(r, "attention").Value(),
				line1:     t.get(r, "address_1", "street_1", "address").Value(),
				line2:     t.get(r, "address_2", "street_2").Value(),
				city:      strings.Trim(t.get(r, "city").Value(), " ,"),
				region:    t.get(r, "region").Value(),
				state:     strings.Trim(t.get(r, "state_province", "state").Value(), " ,"),
				country:   strings.ToUpper(t.get(r, "country", "country_code").Value()),
			}
			if pc := t.get(r, "postal_code", "zip"); pc.Value() != "" {
				if (a.country == "" || a.country == "US") && !zipRE.MatchString(pc.Value()) {
					x.warn(pc, "a US ZIP code has five digits, or five and four: 40508 or 40508-1234", "`%s` %q is not a ZIP code: left out", pc.name(), pc.Value())
				} else {
					a.postal = pc.Value()
				}
			}
			slot := &loc.phys
			if k == "postal" {
				slot = &loc.postal
			}
			if *slot != nil {
				x.warn(lf, "the directory keeps one address of each kind per location", "location %q already has a %s address: this one is not imported", lf.Value(), k)
				continue
			}
			*slot = a
		}
	}
}
