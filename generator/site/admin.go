package site

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// The CMS admin: /admin/index.html loads Decap CMS (https://decapcms.org),
// and /admin/config.yml describes the site's collections to it, so that
// editors who do not use git can edit materials, pages and organizations
// through Netlify (Identity and Git Gateway must be enabled on the site;
// Decap's own login form signs editors in, so Netlify's identity widget,
// another script from another host, is not loaded).
// The fields are made by reflection from Meta and directory.Organization,
// the structs the validator decodes into, so the admin cannot offer a field
// the build rejects or miss one it reads. Only /admin/ loads anything from
// another host; netlify.toml gives it its own Content-Security-Policy.

// DecapVersion is the Decap CMS release the admin loads, and DecapIntegrity
// the SHA-384 of its dist/decap-cms.js (from the npm package), so that a
// changed file on the CDN is refused by the browser.
const (
	DecapVersion   = "3.16.3"
	DecapScript    = "https://unpkg.com/decap-cms@" + DecapVersion + "/dist/decap-cms.js"
	DecapIntegrity = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
)

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
		Branch string `yaml:"branch"`
	} `yaml:"backend"`
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

// adminConfig is the Decap configuration of the site.
func (s *Site) adminConfig() ([]byte, error) {
	var cfg cmsConfig
	cfg.Backend.Name, cfg.Backend.Branch = "git-gateway", "main"
	cfg.SiteURL = s.Config.BaseURL
	cfg.MediaFolder, cfg.PublicFolder = "static/images/uploads", "/images/uploads"
	meta := cmsFields(reflect.TypeFor[Meta](), "", []string{"title"})
	body := cmsField{Label: "Body", Name: "body", Widget: "markdown", Required: false,
		Hint: "Start sections with headings (## Heading); link to other pages by their address, such as /materials/intro/"}
	page := append(meta, body)
	cfg.Collections = []cmsCollection{
		{Name: "materials", Label: "Materials", Folder: "content/materials", Create: true, Extension: "md",
			Format: "yaml-frontmatter", Slug: "{{slug}}", SummaryFormat: "{{title}} ({{date}})",
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

// adminPage loads Decap CMS, pinned by version and by hash.
func adminPage(title string) []byte {
	return []byte(fmt.Sprintf(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content manager · %s</title>
<script src="%s" integrity="%s" crossorigin="anonymous"></script>
</head>
<body>
<noscript>The content manager needs JavaScript. You can also edit the files in content/ with git.</noscript>
</body>
</html>
`, htmlEscape(title), DecapScript, DecapIntegrity))
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// writeAdmin writes /admin/index.html and /admin/config.yml.
func (w *writer) writeAdmin() {
	cfg, err := w.site.adminConfig()
	if err != nil {
		w.fail(fmt.Errorf("cannot write the CMS admin's config.yml: %w", err))
		return
	}
	w.write("admin/config.yml", cfg)
	w.write("admin/index.html", adminPage(w.site.Config.Title))
	w.count(0, 2)
}
