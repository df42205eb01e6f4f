package hsds

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hours"
)

// Options configure Import.
type Options struct {
	// Source names the input folder in messages and in the files' header
	// comments, as the user gave it: "../shared/corpora/lexington".
	Source string
	// Timezone is the IANA zone of hours that give none. When it is nil,
	// such hours are left out, each with a warning.
	Timezone *time.Location
}

// File is one organization file made by Import.
type File struct {
	Name string // file name, a slug of the organization's name: "hope-center.yaml"
	Org  string // the organization's name
	Data []byte
}

// Result is what Import made of a folder.
type Result struct {
	Format   string // "HSDS 3" or "HSDS 1.0 (Ohana)"
	Files    []File
	Problems []diag.Problem // warnings, sorted by file, line and column (errors only from a bug: see Import)
}

// Import reads a folder of HSDS tabular CSV files, version 3 or 1.0 (Ohana),
// and returns one organization file per organization in our YAML format.
// Values it cannot convert are left out, each with a warning at its file,
// line and column. It fails only when a file cannot be read at all, or the
// folder has no organizations.csv.
func Import(fsys fs.FS, opts Options) (*Result, error) {
	x := &importer{opts: opts, l: &diag.List{}, tables: map[string]*table{},
		orgByID: map[string]*org{}, locByID: map[string]*location{}, svcByID: map[string]*service{},
		salByID: map[string]*service{}, phoneByID: map[string]*phone{}, contactByID: map[string]contactLink{}}
	if err := x.read(fsys); err != nil {
		return nil, err
	}
	x.organizations()
	x.locations()
	x.addresses()
	x.contacts()
	x.services()
	x.serviceAtLocation()
	x.phones()
	x.languages()
	x.schedules()
	x.regularSchedules()
	x.holidaySchedules()
	x.unusedColumns()
	res := &Result{Format: x.format()}
	names := map[string]bool{}
	for _, o := range x.orgs {
		x.finish(o)
		name := slug(o.name)
		for i := 2; names[name]; i++ {
			name = fmt.Sprintf("%s-%d", slug(o.name), i)
		}
		names[name] = true
		file := name + ".yaml"
		data := x.yaml(o)
		// What is written must load without an error; anything else is a
		// bug here, reported as an error at the file made.
		shown := path.Join("organizations", file)
		directory.Load(shown, data, x.l)
		res.Files = append(res.Files, File{Name: file, Org: o.name, Data: data})
	}
	res.Problems = x.l.Sorted()
	return res, nil
}

type importer struct {
	opts   Options
	l      *diag.List
	tables map[string]*table
	v3     bool

	orgs        []*org
	orgByID     map[string]*org
	locByID     map[string]*location
	svcByID     map[string]*service
	salByID     map[string]*service
	phoneByID   map[string]*phone
	contactByID map[string]contactLink
}

type org struct {
	src             string // "organizations.csv line 2, id 1"
	name, alt, desc string
	email, website  string
	phones          []*phone
	locations       []*location
	services        []*service
	verified        hours.Date // the oldest assured_date of its services
	changed         hours.Date // the newest last_modified of its services
	descIsName      bool
	zone            *time.Location
}

type location struct {
	org            *org
	name, desc     string
	typ            string
	lat, lon       *float64
	phys, postal   *address
	services       []*service
	rows           []*schedRow // the location's hours, for its services
	languages      []string
	languagesField field
}

type address struct {
	attention, line1, line2, city, region, state, postal, country string
}

type service struct {
	org              *org
	name, desc, elig string
	min, max         *int
	languages        []string
	rows             []*schedRow
	locations        []*location
	nameField        field
	unnamed          bool
}

type phone struct {
	org                          *org
	e164, source, typ, ext, desc string
	display                      string
	languages                    []string
}

type contactLink struct{ org, loc, svc string }

// schedRow is one schedule row on its way to a directory.ScheduleRow.
type schedRow struct {
	at             field // where to point warnings about the row
	days           []time.Weekday
	opens, closes  hours.Clock
	from, to       hours.Date
	closed, always bool
	desc           string
	zone           *time.Location
}

// columns are the HSDS tables the importer reads, 3.x and 1.0 names, and
// the columns it reads in each besides ids and links (id, *_id).
var columns = map[string][]string{
	"organizations":       {"name", "alternate_name", "description", "email", "website", "url"},
	"locations":           {"name", "description", "location_type", "virtual", "latitude", "longitude", "languages"},
	"addresses":           addressColumns,
	"physical_addresses":  addressColumns,
	"mail_addresses":      addressColumns,
	"postal_addresses":    addressColumns,
	"services":            {"name", "description", "eligibility_description", "eligibility", "status", "minimum_age", "maximum_age", "assured_date", "last_modified", "languages"},
	"service_at_location": {},
	"phones":              {"number", "extension", "type", "number_type", "description", "department", "vanity_number", "country_prefix"},
	"contacts":            {},
	"languages":           {"code", "name"},
	"schedules": {"valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
		"byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at", "notes"},
	"regular_schedules": {"weekday", "opens_at", "closes_at"},
	"holiday_schedules": {"start_date", "end_date", "closed", "opens_at", "closes_at"},
}

var addressColumns = []string{"attention", "address_1", "street_1", "address", "address_2", "street_2", "city", "region",
	"state_province", "state", "postal_code", "zip", "country", "country_code", "address_type"}

// otherTables are HSDS tables with nothing the directory keeps.
var otherTables = []string{"accessibility", "accessibility_for_disabilities", "attributes", "cost_options", "funding", "metadata",
	"meta_table_descriptions", "organization_identifiers", "programs", "required_documents", "service_areas",
	"taxonomies", "taxonomy_terms", "service_attributes", "eligibility", "payment_accepted", "service_taxonomy"}

func (x *importer) read(fsys fs.FS) error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("%s: cannot read the folder: %w", x.opts.Source, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(path.Ext(name), ".csv") {
			continue
		}
		base := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
		shown := path.Join(x.opts.Source, name)
		if _, ok := columns[base]; !ok {
			if !slices.Contains(otherTables, base) {
				x.l.Add(diag.Problem{File: shown, Line: 1, Col: 1, Severity: diag.Warning,
					Msg: "not an HSDS table: not imported", Hint: "HSDS tables have names such as organizations.csv and phones.csv"})
			} else if t, err := readTable(fsys, name, shown); err == nil {
				x.tables["other:"+base] = t // only to say, if it has data, that it is not imported
			}
			continue
		}
		t, err := readTable(fsys, name, shown)
		if err != nil {
			return err
		}
		x.tables[base] = t
	}
	if x.tables["organizations"] == nil {
		return fmt.Errorf("%s has no organizations.csv: expected a folder of HSDS tabular data (organizations.csv, locations.csv, services.csv, ...)", x.opts.Source)
	}
	// HSDS 3 has schedules.csv and typed addresses; HSDS 1.0 and Ohana
	// have regular_schedules.csv, holiday_schedules.csv, street_1 and
	// number_type. Column names are read under both names either way.
	x.v3 = x.tables["schedules"] != nil || x.tables["service_at_location"] != nil ||
		x.tables["addresses"].has("address_type") || x.tables["phones"].has("service_at_location_id")
	return nil
}

func (x *importer) format() string {
	if x.v3 {
		return "HSDS 3"
	}
	return "HSDS 1.0 (Ohana)"
}

// warn reports a value that was not converted, at its line and column. The
// message names the column: it starts with it, in backquotes.
func (x *importer) warn(f field, hint, format string, args ...any) {
	col := f.col + 1
	msg := fmt.Sprintf(format, args...)
	if f.col < 0 {
		col = 0
	} else if !strings.HasPrefix(msg, "`") {
		msg = "`" + f.name() + "`: " + msg
	}
	x.l.Add(diag.Problem{File: f.t.file, Line: f.line, Col: col, Severity: diag.Warning, Msg: msg, Hint: hint})
}

// idOf is a row's id, or its line when it has none.
func idOf(t *table, r row) string {
	if v := t.get(r, "id").Value(); v != "" {
		return v
	}
	return "line " + strconv.Itoa(r.line)
}

func (x *importer) organizations() {
	t := x.tables["organizations"]
	for _, r := range t.rows {
		rid := idOf(t, r)
		o := &org{src: fmt.Sprintf("%s line %d, id %s", path.Base(t.file), r.line, rid)}
		name := t.get(r, "name")
		if o.name = name.Value(); o.name == "" {
			x.warn(name, "every organization needs a name", "`name` is empty: the organization is not imported")
			continue
		}
		if x.orgByID[rid] != nil {
			x.warn(t.get(r, "id"), "give each organization its own id", "id %q is used twice: this organization is not imported", rid)
			continue
		}
		o.alt = t.get(r, "alternate_name").Value()
		if o.alt == o.name {
			o.alt = ""
		}
		desc := t.get(r, "description")
		if o.desc = desc.Text(); o.desc == "" {
			o.desc, o.descIsName = o.name, true
			if desc.col < 0 {
				desc = name
			}
			x.warn(desc, "write a sentence or two about what it does", "`description` is empty: the organization's name is used instead")
		}
		if email := t.get(r, "email"); email.Value() != "" {
			var err error
			if o.email, err = cleanEmail(email.Value()); err != nil {
				x.warn(email, "", "`email`: %v: left out", err)
			}
		}
		if web := t.get(r, "website", "url"); web.Value() != "" {
			var err error
			if o.website, err = cleanWebsite(web.Value()); err != nil {
				x.warn(web, "", "`%s`: %v: left out", web.name(), err)
			}
		}
		x.orgs = append(x.orgs, o)
		x.orgByID[rid] = o
	}
}

// orgOf finds the organization a row links to in column col, warning and
// returning nil if there is none.
func (x *importer) orgOf(t *table, r row, what string) *org {
	f := t.get(r, "organization_id")
	if o := x.orgByID[f.Value()]; o != nil {
		return o
	}
	if f.Value() == "" {
		x.warn(f, "", "%s has no `organization_id`: not imported", what)
	} else {
		x.warn(f, "", "`organization_id` %q is not in organizations.csv: this %s is not imported", f.Value(), what)
	}
	return nil
}

func (x *importer) contacts() {
	t := x.tables["contacts"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		x.contactByID[idOf(t, r)] = contactLink{org: t.get(r, "organization_id").Value(),
			loc: t.get(r, "location_id").Value(), svc: t.get(r, "service_id").Value()}
	}
	// Contacts are people; the directory lists organizations. Their
	// names and titles are reported by unusedColumns.
}
