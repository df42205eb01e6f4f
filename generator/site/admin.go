package site

import (
	"bytes"
	"embed"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// The CMS admin: /admin/ is Sveltia CMS (https://sveltiacms.app), which
// reads Decap CMS's configuration, served from the site itself. The build
// writes the CMS's script, its fonts and their licences into admin/, and
// admin/config.yml, which describes the site's collections; the page that
// loads them is package generator/admin's (a Netlify function answers it,
// with headers of its own: see that package).
//
// The fields are made by reflection from Meta and directory.Organization,
// the structs the validator decodes into, so the admin cannot offer a field
// the build rejects or miss one it reads.
//
// # The vendored CMS
//
// sveltia/ holds files of the npm package @sveltia/cms, version
// [SveltiaVersion], as published: dist/sveltia-cms.js, LICENSE.txt,
// schema/sveltia-cms.json (the configuration's JSON schema, which the tests
// check config.yml against), locales/ (the interface in 29 languages; the
// script has only English in it), and the three fonts of npm/assets with
// their licences. TestSveltiaVendored checks each file's SHA-256 against
// sveltia/SHA256SUMS. To update: `npm pack @sveltia/cms@VERSION`, copy the
// same files, run `sha256sum sveltia-cms.js sveltia-cms.json fonts/*.woff2
// locales/*.json > SHA256SUMS` in sveltia/, update the version, and check
// that every patch in sveltiaPatches still applies (the build fails if one
// does not).
//
// The script is written with sveltiaPatches applied, so that the admin
// asks no other host for anything it needs: the fonts come from admin/fonts/
// instead of cdn.jsdelivr.net, the interface languages from admin/locales/
// instead of unpkg.com, and the update check (unpkg.com) and the GitHub
// status check (www.githubstatus.com) are turned off. What the
// script can still ask of another host is listed in the README: GitHub's
// API, and, for features this site's collections do not use, unpkg.com,
// which the admin's policy refuses.

// SveltiaVersion is the vendored Sveltia CMS release.
const SveltiaVersion = "0.221.1"

//go:embed sveltia
var sveltiaFiles embed.FS

// sveltiaPatches are replacements made in sveltia-cms.js, each of a text
// that occurs exactly once in it.
var sveltiaPatches = []patch{
	{"the interface font from the site, not jsDelivr",
		"https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
		"/admin/fonts/source-sans-3-latin-wght-normal.woff2"},
	{"the code font from the site, not jsDelivr",
		"https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2",
		"/admin/fonts/noto-mono-latin-400-normal.woff2"},
	{"the icon font from the site, not jsDelivr",
		"https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
		"/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2"},
	{"the interface in the editor's language from the site, not unpkg.com",
		"USe=`${iP}@${rP}/locales`",
		"USe=`/admin/locales`"},
	{"no update check: the version is pinned here, and unpkg.com is another host",
		"LSe=async()=>{try{let e=await fetch(NSe);",
		"LSe=async()=>{try{return;let e=await fetch(NSe);"},
	{"no GitHub status check: www.githubstatus.com is another host; the status is 'unknown', as when it cannot be reached",
		"kye=async()=>{try{let{status:{indicator:e}}=await ez(Oye);",
		"kye=async()=>{try{return`unknown`;let{status:{indicator:e}}=await ez(Oye);"},
}

type patch struct{ why, old, new string }

// sveltiaScript returns sveltia-cms.js with sveltiaPatches applied.
func sveltiaScript() ([]byte, error) {
	js, err := sveltiaFiles.ReadFile("sveltia/sveltia-cms.js")
	if err != nil {
		return nil, err
	}
	return patchScript(js, sveltiaPatches)
}

func patchScript(js []byte, patches []patch) ([]byte, error) {
	var pairs []string
	for _, p := range patches {
		if n := bytes.Count(js, []byte(p.old)); n != 1 {
			return nil, fmt.Errorf("sveltia-cms.js %s: the patch for %q matches %d times, not once: update sveltiaPatches for this version", SveltiaVersion, p.why, n)
		}
		pairs = append(pairs, p.old, p.new)
	}
	// One pass, one copy of the 2 MB script.
	var b bytes.Buffer
	b.Grow(len(js))
	if _, err := strings.NewReplacer(pairs...).WriteString(&b, string(js)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cmsField is one field of a Decap collection.
type cmsField struct {
	Label     string     `yaml:"label"`
	Name      string     `yaml:"name"`
	Widget    string     `yaml:"widget"`
	Required  bool       `yaml:"required"`
	Hint      string     `yaml:"hint,omitempty"`
	Pattern   []string   `yaml:"pattern,omitempty,flow"`
	Options   []string   `yaml:"options,omitempty,flow"`
	ValueType string     `yaml:"value_type,omitempty"`
	Format    string     `yaml:"format,omitempty"`
	DateFmt   string     `yaml:"date_format,omitempty"`
	TimeFmt   *bool      `yaml:"time_format,omitempty"`
	Default   any        `yaml:"default,omitempty"`
	Collapsed *bool      `yaml:"collapsed,omitempty"`
	Fields    []cmsField `yaml:"fields,omitempty"`
	Field     *cmsField  `yaml:"field,omitempty"`
}

type cmsCollection struct {
	Name           string     `yaml:"name"`
	Label          string     `yaml:"label"`
	Description    string     `yaml:"description,omitempty"`
	Folder         string     `yaml:"folder"`
	Path           string     `yaml:"path,omitempty"`
	MediaFolder    *string    `yaml:"media_folder,omitempty"`
	PublicFolder   *string    `yaml:"public_folder,omitempty"`
	Create         bool       `yaml:"create"`
	Extension      string     `yaml:"extension"`
	Format         string     `yaml:"format"`
	Slug           string     `yaml:"slug"`
	IdentifierFld  string     `yaml:"identifier_field,omitempty"`
	Filter         *cmsFilter `yaml:"filter,omitempty"`
	SummaryFormat  string     `yaml:"summary,omitempty"`
	SortableFields []string   `yaml:"sortable_fields,omitempty,flow"`
	Fields         []cmsField `yaml:"fields"`
}

type cmsFilter struct {
	Field string `yaml:"field"`
	Value any    `yaml:"value"`
}

type cmsConfig struct {
	Backend struct {
		Name   string `yaml:"name"`
		Repo   string `yaml:"repo"`
		Branch string `yaml:"branch"`
	} `yaml:"backend"`
	PublishMode  string          `yaml:"publish_mode"`
	SiteURL      string          `yaml:"site_url,omitempty"`
	MediaFolder  string          `yaml:"media_folder"`
	PublicFolder string          `yaml:"public_folder"`
	Collections  []cmsCollection `yaml:"collections"`
}

// Patterns the CMS checks as an editor types. The build checks more (a
// phone number must be one that can be dialled), and says so in its error.
var cmsPatterns = map[string][2]string{
	"website":                       {`^https?://[^\s/]+\.[^\s]+$`, "a web address starting with https://"},
	"email":                         {`^[^@\s]+@[^@\s]+\.[^@\s]+$`, "an email address such as help@example.org"},
	"phones.number":                 {`^\+?[0-9 ().\-]{3,}$`, "digits, spaces, dashes or brackets, such as 1-888-373-7888"},
	"services.schedules.opens_at":   {`^([01][0-9]|2[0-4]):[0-5][0-9]$`, "HH:MM on a 24-hour clock, such as 09:00"},
	"services.schedules.closes_at":  {`^([01][0-9]|2[0-4]):[0-5][0-9]$`, "HH:MM on a 24-hour clock, such as 19:00"},
	"services.schedules.byday":      {`^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$`, "day codes separated by commas, such as MO,TU,WE,TH,FR"},
	"services.schedules.valid_from": {`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, "a date such as 2026-12-24"},
	"services.schedules.valid_to":   {`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, "a date such as 2026-12-26"},
	"timezone":                      {`^[A-Za-z_]+/[A-Za-z_/\-]+$|^UTC$`, "an IANA time zone such as America/New_York"},
	"services.schedules.timezone":   {`^[A-Za-z_]+/[A-Za-z_/\-]+$|^UTC$`, "an IANA time zone such as America/New_York"},
	"slug":                          {`^[^/.\s][^\s]*$`, "the last part of the address, such as recognizing-signs"},
}

// Labels that humanize would get wrong.
var cmsLabels = map[string]string{"lastmod": "Last changed", "open_24_7": "Open 24/7", "byday": "Days",
	"address_1": "Address line 1", "address_2": "Address line 2", "state_province": "State", "url": "Address"}

// Fields edited as several lines of text rather than one.
var cmsText = map[string]bool{"description": true, "summary": true, "eligibility": true, "after_hours": true}

// Front matter keys the admin leaves out: the ones that pick layouts, or
// that Hugo keeps for compatibility, are for developers.
var cmsSkipMeta = map[string]bool{"layout": true, "type": true, "summary": true, "url": true}

// cmsFields makes the Decap fields of a struct from its yaml tags.
func cmsFields(t reflect.Type, prefix string, required []string) []cmsField {
	var out []cmsField
	fields, _, _ := diag.KeyFields(t) // the keys the validator reads, and no others
	for _, f := range fields {
		name := f.Name
		key := strings.TrimPrefix(prefix+"."+name, ".")
		if prefix == "" && t == reflect.TypeFor[Meta]() && cmsSkipMeta[name] {
			continue
		}
		out = append(out, cmsFieldOf(f.Type, name, key, required))
	}
	return out
}

func cmsFieldOf(t reflect.Type, name, key string, required []string) cmsField {
	label := cmsLabels[name]
	if label == "" {
		label = humanize(name)
	}
	c := cmsField{Label: label, Name: name, Widget: "string", Required: slices.Contains(required, key)}
	if p, ok := cmsPatterns[key]; ok {
		c.Pattern = []string{p[0], p[1]}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		no := false
		c.Widget, c.Format, c.DateFmt, c.TimeFmt = "datetime", "YYYY-MM-DD", "YYYY-MM-DD", &no
		return c
	case directory.Enums[key] != nil:
		c.Widget, c.Options = "select", directory.Enums[key]
		return c
	}
	switch t.Kind() {
	case reflect.Bool:
		c.Widget, c.Default = "boolean", false
	case reflect.Int, reflect.Int64, reflect.Int32:
		c.Widget, c.ValueType = "number", "int"
	case reflect.Float64, reflect.Float32:
		c.Widget, c.ValueType = "number", "float"
	case reflect.String:
		if cmsText[name] {
			c.Widget = "text"
		}
	case reflect.Struct:
		yes := true
		c.Widget, c.Collapsed, c.Fields = "object", &yes, cmsFields(t, key, required)
	case reflect.Slice:
		c.Widget = "list"
		if t.Elem().Kind() == reflect.Struct {
			yes := true
			c.Collapsed, c.Fields = &yes, cmsFields(t.Elem(), key, required)
		}
	}
	return c
}

// adminConfig is the CMS configuration of the site: GitHub as the
// backend (editors sign in with GitHub, through Netlify's OAuth provider or
// with an access token), and the editorial workflow, so that every change
// is a pull request, built as a deploy preview, and published when it is
// merged.
func (s *Site) adminConfig() ([]byte, error) {
	var cfg cmsConfig
	cfg.Backend.Name, cfg.Backend.Repo, cfg.Backend.Branch = "github", s.Config.Repository, "main"
	cfg.PublishMode = "editorial_workflow"
	cfg.SiteURL = s.Config.BaseURL
	cfg.MediaFolder, cfg.PublicFolder = "static/images/uploads", "/images/uploads"
	meta := cmsFields(reflect.TypeFor[Meta](), "", []string{"title"})
	body := cmsField{Label: "Body", Name: "body", Widget: "markdown", Required: false,
		Hint: "Start sections with headings (## Heading); link to other pages by their address, such as /materials/intro/"}
	page := append(meta, body)
	here := "" // a bundle's files sit beside its index.md
	cfg.Collections = []cmsCollection{
		{Name: "materials", Label: "Materials", Folder: "content/materials", Create: true, Extension: "md",
			Format: "yaml-frontmatter", Slug: "{{slug}}", SummaryFormat: "{{title}} ({{date}})",
			SortableFields: []string{"title", "date", "weight"}, Fields: page},
		{Name: "material_bundles", Label: "Materials with files",
			Description: "Materials kept in a folder of their own (materials/NAME/index.md) with their images and handouts beside them.",
			Folder:      "content/materials", Path: "{{slug}}/index", MediaFolder: &here, PublicFolder: &here,
			Create: true, Extension: "md", Format: "yaml-frontmatter", Slug: "{{slug}}", SummaryFormat: "{{title}} ({{date}})",
			SortableFields: []string{"title", "date", "weight"}, Fields: page},
		{Name: "pages", Label: "Pages", Description: "The pages at the top of the site, such as About.", Folder: "content",
			Create: true, Extension: "md", Format: "yaml-frontmatter", Slug: "{{slug}}", Fields: page},
		{Name: "organizations", Label: "Organizations", Folder: "content/organizations", Create: true, Extension: "yaml",
			Format: "yaml", Slug: "{{slug}}", IdentifierFld: "name", SortableFields: []string{"name", "last_verified"},
			Description: "Check every phone number, address and time against a source, and set Last verified to that day.",
			Fields:      cmsFields(reflect.TypeFor[directory.Organization](), "", directory.Required)},
	}
	cfg.Collections = s.cmsLanguages(cfg.Collections)
	var b bytes.Buffer
	b.WriteString("# Generated from the generator's content model (site.Meta, directory.Organization). Do not edit.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// adminFiles are the files the build writes under admin/ as vendored: by
// the name they are written under, and the vendored file's.
func adminFiles() [][2]string {
	files := [][2]string{{"admin/sveltia-cms.LICENSE.txt", "sveltia/LICENSE.txt"}}
	for _, dir := range []string{"fonts", "locales"} {
		entries, _ := sveltiaFiles.ReadDir("sveltia/" + dir)
		for _, e := range entries {
			files = append(files, [2]string{"admin/" + dir + "/" + e.Name(), "sveltia/" + dir + "/" + e.Name()})
		}
	}
	return files
}

// writeAdmin writes admin/config.yml, the CMS's script, and its fonts and
// licences. The page itself, /admin/, is not a file: see package
// generator/admin.
func (w *writer) writeAdmin() {
	cfg, err := w.site.adminConfig()
	if err != nil {
		w.fail(fmt.Errorf("cannot write the CMS admin's config.yml: %w", err))
		return
	}
	js, err := sveltiaScript()
	if err != nil {
		w.fail(err)
		return
	}
	w.write("admin/config.yml", cfg)
	w.write("admin/sveltia-cms.js", js)
	for _, f := range adminFiles() {
		data, err := sveltiaFiles.ReadFile(f[1])
		if err != nil {
			w.fail(err)
			return
		}
		w.write(f[0], data)
	}
	w.count(0, 2+len(adminFiles()))
}
