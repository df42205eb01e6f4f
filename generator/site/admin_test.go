package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
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
// admin's files are the vendored CMS, patched, and that no page loads
// anything from another host.
func TestAdminOnlyThirdParty(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: os.DirFS("../.."), Out: out}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	js, err := sveltiaScript()
	if err != nil {
		t.Fatal(err)
	}
	if files["admin/sveltia-cms.js"] != string(js) {
		t.Errorf("admin/sveltia-cms.js is not the vendored script with its patches")
	}
	for _, f := range adminFiles() {
		want, _ := sveltiaFiles.ReadFile(f[1])
		if files[f[0]] != string(want) {
			t.Errorf("%s is not %s", f[0], f[1])
		}
	}
	if _, ok := files["admin/index.html"]; ok {
		t.Errorf("the build wrote admin/index.html, which the admin function answers")
	}
	if !strings.Contains(files["admin/config.yml"], "name: organizations") {
		t.Errorf("admin/config.yml has no organizations collection")
	}
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			if strings.Contains(m[0], "src=") && (strings.HasPrefix(m[1], "http") || strings.HasPrefix(m[1], "//")) {
				t.Errorf("%s loads %s from another host", name, m[1])
			}
		}
		if strings.Contains(body, "unpkg.com") || strings.Contains(body, "_reload") {
			t.Errorf("%s mentions a CDN or the dev server's reload script", name)
		}
	}
}

// vendored reports whether the build writes the output file name as
// vendored, not made from the site's content.
func vendored(name string) bool {
	return name == "admin/sveltia-cms.js" || slices.ContainsFunc(adminFiles(), func(f [2]string) bool { return f[0] == name })
}

// TestSveltiaVendored: the vendored files are those npm published, each
// by its SHA-256 in sveltia/SHA256SUMS, and no file is there without a sum
// but the licences.
func TestSveltiaVendored(t *testing.T) {
	t.Parallel()
	sums, err := sveltiaFiles.ReadFile("sveltia/SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for line := range strings.Lines(string(sums)) {
		sum, name, ok := strings.Cut(strings.TrimSpace(line), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS: %q is not a sum and a name", line)
		}
		want["sveltia/"+name] = sum
	}
	seen := map[string]bool{}
	err = fs.WalkDir(sveltiaFiles, "sveltia", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, "LICENSE.txt") || name == "sveltia/SHA256SUMS" {
			return err
		}
		data, err := sveltiaFiles.ReadFile(name)
		if err != nil {
			return err
		}
		seen[name] = true
		if sum, ok := want[name]; !ok {
			t.Errorf("%s has no SHA-256 in SHA256SUMS", name)
		} else if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != sum {
			t.Errorf("%s: SHA-256 %s, want %s (the file npm published in @sveltia/cms %s)", name, got, sum, SveltiaVersion)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s is missing", name)
		}
	}
	if len(seen) < 30 {
		t.Errorf("only %d vendored files checked", len(seen))
	}
	for _, lic := range []string{"sveltia/LICENSE.txt", "sveltia/fonts/source-sans-3.LICENSE.txt", "sveltia/fonts/noto-mono.LICENSE.txt", "sveltia/fonts/material-symbols-outlined.LICENSE.txt"} {
		if _, err := sveltiaFiles.ReadFile(lic); err != nil {
			t.Errorf("licence: %v", err)
		}
	}
}

// TestSveltiaPatched: the script the build writes names no font host, and
// its update and status checks are off; every other host it names is
// listed here with the reason it may stay (the admin's policy refuses all
// but api.github.com, and nothing this site's collections use asks them).
func TestSveltiaPatched(t *testing.T) {
	t.Parallel()
	js, err := sveltiaScript()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "cdn.jsdelivr.net") {
		t.Errorf("the patched script still loads from cdn.jsdelivr.net")
	}
	if !strings.Contains(string(js), "USe=`/admin/locales`") {
		t.Errorf("the patched script does not load its languages from /admin/locales")
	}
	for _, off := range []string{"try{return;let e=await fetch(NSe);", "try{return`unknown`;let{status:{indicator:e}}=await ez(Oye);"} {
		if !strings.Contains(string(js), off) {
			t.Errorf("the patched script lacks %q", off)
		}
	}
	for _, f := range []string{"source-sans-3-latin-wght-normal", "noto-mono-latin-400-normal", "material-symbols-outlined-latin-wght-normal"} {
		if !strings.Contains(string(js), "src:url(/admin/fonts/"+f+".woff2)") {
			t.Errorf("the script does not load the font %s from /admin/fonts/", f)
		}
	}
	// A patch that does not apply once is an error, not a silent no-op.
	_, err = patchScript([]byte("a a"), []patch{{"test", "a", "b"}})
	if err == nil || !strings.Contains(err.Error(), "matches 2 times") {
		t.Errorf("a patch matching twice: %v", err)
	}
	_, err = patchScript([]byte("a"), []patch{{"test", "c", "b"}})
	if err == nil || !strings.Contains(err.Error(), "matches 0 times") {
		t.Errorf("a patch matching nothing: %v", err)
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
	if folders["materials_es"] != "content/es/materials" || folders["material_bundles_es"] != "content/es/materials" || folders["pages_es"] != "content/es" {
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

// TestAdminSchema checks config.yml against the CMS's own JSON schema (the
// vendored schema/sveltia-cms.json), for a site in one language and in two,
// and that it asks for what the README promises: GitHub, the editorial
// workflow, and page bundles listed as a collection of their own.
func TestAdminSchema(t *testing.T) {
	t.Parallel()
	raw, err := sveltiaFiles.ReadFile("sveltia/sveltia-cms.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sveltia-cms.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sveltia-cms.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Site{
		{Config: Config{BaseURL: "https://example.org", Repository: "coalition/library"}},
		{Config: Config{Repository: "coalition/library", Language: "en", Languages: []Language{{Code: "en"}, {Code: "es", Name: "Español"}}}},
	} {
		data, err := s.adminConfig()
		if err != nil {
			t.Fatal(err)
		}
		var cfg any
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			t.Fatal(err)
		}
		// The schema validator wants JSON's types: round-trip through JSON.
		js, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("config.yml (languages %v) does not fit Sveltia CMS %s's schema:\n%v\n%s", s.Config.Languages, SveltiaVersion, err, data)
		}
		var got struct {
			Backend     map[string]string
			PublishMode string `yaml:"publish_mode"`
			Collections []cmsCollection
		}
		if err := yaml.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"name": "github", "repo": "coalition/library", "branch": "main"}
		if diff := cmp.Diff(want, got.Backend); diff != "" {
			t.Errorf("backend (-want +got):\n%s", diff)
		}
		if got.PublishMode != "editorial_workflow" {
			t.Errorf("publish_mode %q, want editorial_workflow", got.PublishMode)
		}
		i := slices.IndexFunc(got.Collections, func(c cmsCollection) bool { return c.Name == "material_bundles" })
		if i < 0 {
			t.Fatalf("no collection of page bundles")
		}
		b := got.Collections[i]
		if b.Folder != "content/materials" || b.Path != "{{slug}}/index" || b.MediaFolder == nil || *b.MediaFolder != "" {
			t.Errorf("page bundles: folder %q path %q media_folder %v, want content/materials, {{slug}}/index and \"\"", b.Folder, b.Path, b.MediaFolder)
		}
	}
	// The schema is not a formality: a config it refuses is refused.
	var bad any
	yaml.Unmarshal([]byte("backend: {name: github}\npublish_mode: review\ncollections: []\n"), &bad)
	js, _ := json.Marshal(bad)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if schema.Validate(inst) == nil {
		t.Errorf("the schema accepts publish_mode: review")
	}
}
