package site

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// yamlPaths lists every YAML key of a struct, nested keys as a.b.c, as the
// strict decoder reads them.
func yamlPaths(t reflect.Type, prefix string) []string {
	var out []string
	fields, _, _ := diag.KeyFields(t)
	for _, f := range fields {
		key := strings.TrimPrefix(prefix+"."+f.Name, ".")
		out = append(out, key)
		ft := f.Type
		if ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft.NumField() > 0 && ft.PkgPath() != "time" {
			out = append(out, yamlPaths(ft, key)...)
		}
	}
	return out
}

// TestAdminConfig checks that config.yml offers every field of the model
// the validator decodes, with the widget its type needs, the choices it
// accepts and the fields it requires.
func TestAdminConfig(t *testing.T) {
	s := &Site{Config: Config{BaseURL: "https://example.org"}}
	data, err := s.adminConfig()
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("config.yml is not YAML: %v\n%s", err, data)
	}
	collections := map[string]map[string]any{}
	for _, c := range cfg["collections"].([]any) {
		m := c.(map[string]any)
		collections[m["name"].(string)] = m
	}
	for name, folder := range map[string]string{"materials": "content/materials", "pages": "content", "organizations": "content/organizations"} {
		if c := collections[name]; c == nil || c["folder"] != folder {
			t.Errorf("collection %s: want folder %s, got %v", name, folder, c["folder"])
		}
	}
	fieldsOf := func(coll string) map[string]map[string]any {
		out := map[string]map[string]any{}
		var walk func(fields []any, prefix string)
		walk = func(fields []any, prefix string) {
			for _, f := range fields {
				m := f.(map[string]any)
				key := strings.TrimPrefix(prefix+"."+m["name"].(string), ".")
				out[key] = m
				if sub, ok := m["fields"].([]any); ok {
					walk(sub, key)
				}
			}
		}
		walk(collections[coll]["fields"].([]any), "")
		return out
	}

	org := fieldsOf("organizations")
	for _, key := range yamlPaths(reflect.TypeFor[directory.Organization](), "") {
		if org[key] == nil {
			t.Errorf("organizations: the model's field %s is missing from config.yml", key)
		}
	}
	for key := range org {
		if !slices.Contains(yamlPaths(reflect.TypeFor[directory.Organization](), ""), key) {
			t.Errorf("organizations: config.yml has %s, which the validator does not read", key)
		}
	}
	mat := fieldsOf("materials")
	for _, key := range yamlPaths(reflect.TypeFor[Meta](), "") {
		if mat[key] == nil && !cmsSkipMeta[key] {
			t.Errorf("materials: the front matter key %s is missing from config.yml", key)
		}
	}
	if mat["body"]["widget"] != "markdown" {
		t.Errorf("materials: no markdown body field")
	}

	for _, c := range []struct {
		coll, key, widget string
		required          bool
	}{
		{"materials", "title", "string", true},
		{"materials", "date", "datetime", false},
		{"materials", "draft", "boolean", false},
		{"materials", "weight", "number", false},
		{"materials", "tags", "list", false},
		{"materials", "description", "text", false},
		{"organizations", "name", "string", true},
		{"organizations", "description", "text", true},
		{"organizations", "last_verified", "datetime", false},
		{"organizations", "phones", "list", false},
		{"organizations", "phones.number", "string", true},
		{"organizations", "phones.type", "select", true},
		{"organizations", "locations.location_type", "select", true},
		{"organizations", "locations.address", "object", false},
		{"organizations", "locations.latitude", "number", false},
		{"organizations", "services.urgency", "select", false},
		{"organizations", "services.minimum_age", "number", false},
		{"organizations", "services.schedules", "list", false},
		{"organizations", "services.schedules.open_24_7", "boolean", false},
		{"organizations", "services.schedules.opens_at", "string", false},
	} {
		f := fieldsOf(c.coll)[c.key]
		if f == nil {
			t.Errorf("%s: no field %s", c.coll, c.key)
			continue
		}
		if f["widget"] != c.widget || f["required"] != c.required {
			t.Errorf("%s.%s: widget %v required %v, want %s %v", c.coll, c.key, f["widget"], f["required"], c.widget, c.required)
		}
	}
	if opts := org["phones.type"]["options"]; !reflect.DeepEqual(opts, []any{"voice", "text", "fax", "tty", "hotline"}) {
		t.Errorf("phones.type options: %v", opts)
	}
	for _, key := range []string{"services.schedules.opens_at", "email", "phones.number", "website"} {
		if org[key]["pattern"] == nil {
			t.Errorf("organizations.%s has no pattern", key)
		}
	}
}

// TestAdminOnlyThirdParty builds the bundled site and checks that the
// admin page loads Decap pinned by version and hash, and that no other
// page loads anything from another host.
func TestAdminOnlyThirdParty(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: os.DirFS("../.."), Out: out}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	admin := files["admin/index.html"]
	if !strings.Contains(admin, `src="`+DecapScript+`" integrity="`+DecapIntegrity+`" crossorigin="anonymous"`) {
		t.Errorf("admin/index.html does not load Decap by version and hash:\n%s", admin)
	}
	if !strings.Contains(files["admin/config.yml"], "name: organizations") {
		t.Errorf("admin/config.yml has no organizations collection")
	}
	for name, body := range files {
		if name == "admin/index.html" || !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			if strings.Contains(m[0], "src=") && (strings.HasPrefix(m[1], "http") || strings.HasPrefix(m[1], "//")) {
				t.Errorf("%s loads %s from another host", name, m[1])
			}
		}
		if strings.Contains(body, "unpkg.com") || strings.Contains(body, "_reload") {
			t.Errorf("%s mentions the admin's CDN or the dev server's reload script", name)
		}
	}
}

// TestAdminLanguages: on a site in two languages, the admin has the
// Spanish materials and pages as their own collections, and every
// translatable organization field followed by its Spanish field, which
// the build reads (a round trip through directory.Load).
func TestAdminLanguages(t *testing.T) {
	s := &Site{Config: Config{Language: "en", Languages: []Language{{Code: "en"}, {Code: "es", Name: "Español"}}}}
	data, err := s.adminConfig()
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Collections []struct {
			Name, Folder string
			Fields       []cmsField
		}
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	folders := map[string]string{}
	var org []cmsField
	for _, c := range cfg.Collections {
		folders[c.Name] = c.Folder
		if c.Name == "organizations" {
			org = c.Fields
		}
	}
	if folders["materials_es"] != "content/es/materials" || folders["pages_es"] != "content/es" {
		t.Errorf("Spanish collections: %v", folders)
	}
	var names []string
	var walk func(fs []cmsField, prefix string)
	walk = func(fs []cmsField, prefix string) {
		for _, f := range fs {
			names = append(names, prefix+f.Name)
			walk(f.Fields, prefix+f.Name+".")
		}
	}
	walk(org, "")
	for _, want := range []string{"description_es", "services.name_es", "services.eligibility_es", "services.after_hours_es", "phones.description_es", "locations.name_es"} {
		if !slices.Contains(names, want) {
			t.Errorf("organization fields lack %s: %v", want, names)
		}
	}
	if slices.Contains(names, "name_es") || slices.Contains(names, "services.urgency_es") {
		t.Errorf("a field that is not translated has a Spanish field: %v", names)
	}
}
