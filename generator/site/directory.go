package site

import (
	"cmp"
	"encoding/json"
	"html/template"
	"slices"
	"strings"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// FilterGroup is one way to narrow the directory (by state, language,
// service, hours), as links to pages that list only the organizations that
// match: the filters work without JavaScript.
type FilterGroup struct {
	Name   string // "State"
	Key    string // state, language, service or hours: its interface string is filter_KEY
	Values []FilterValue
}

// FilterValue is one link of a FilterGroup.
type FilterValue struct {
	Label   string
	TextKey string // an interface string to show instead of Label ("open_24_7")
	URL     string
	Count   int
	Current bool // the page being shown
}

// buildDirectoryFilters makes a page for each state, language and service
// of the directory, and one for services open 24/7:
//
//	/organizations/state/ca/
//	/organizations/language/es/
//	/organizations/service/referrals/
//	/organizations/open-24-7/
func (s *Site) buildDirectoryFilters(list *Page, l *diag.List) {
	type bucket struct {
		label string
		orgs  []*directory.Organization
	}
	groups := []struct {
		name, path string
		keys       func(o *directory.Organization, lang, def string) map[string]string // slug -> label
		buckets    map[string]*bucket
	}{
		{"State", "state", orgStates, map[string]*bucket{}},
		{"Language", "language", orgLanguages, map[string]*bucket{}},
		{"Service", "service", orgServices, map[string]*bucket{}},
		{"Hours", "hours", orgAlwaysOpen, map[string]*bucket{}},
	}
	for _, o := range s.Organizations {
		for _, g := range groups {
			for slug, label := range g.keys(o, list.Lang, s.Config.Language) {
				b := g.buckets[slug]
				if b == nil {
					b = &bucket{label: label}
					g.buckets[slug] = b
				}
				b.orgs = append(b.orgs, o)
			}
		}
	}
	var pages []*Page
	var filters []FilterGroup
	for _, g := range groups {
		if len(g.buckets) == 0 {
			continue
		}
		fg := FilterGroup{Name: g.name, Key: g.path}
		for _, slug := range keysSorted(g.buckets) {
			b := g.buckets[slug]
			u := list.URL + g.path + "/" + slug + "/"
			var textKey string
			if g.path == "hours" {
				u, textKey = list.URL+slug+"/", "open_24_7"
			}
			fg.Values = append(fg.Values, FilterValue{Label: b.label, TextKey: textKey, URL: u, Count: len(b.orgs)})
			p := &Page{Kind: KindSection, URL: u, Section: "organizations", Lang: list.Lang,
				Title: list.Title + ": " + b.label, Organizations: b.orgs, Parent: list}
			if textKey != "" {
				p.titleKey, p.titlePrefix = textKey, list.Title+": "
			}
			pages = append(pages, p)
		}
		slices.SortStableFunc(fg.Values, func(a, b FilterValue) int {
			return cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
		})
		filters = append(filters, fg)
	}
	list.Filters = filters
	for _, p := range pages {
		if prev := s.byURL[p.URL]; prev != nil {
			continue // a content page at that address wins; its own text stays
		}
		p.Filters = currentFilters(filters, p.URL)
		s.add(p, l)
	}
}

func currentFilters(groups []FilterGroup, url string) []FilterGroup {
	out := make([]FilterGroup, len(groups))
	for i, g := range groups {
		out[i] = FilterGroup{Name: g.Name, Key: g.Key, Values: slices.Clone(g.Values)}
		for j := range out[i].Values {
			out[i].Values[j].Current = out[i].Values[j].URL == url
		}
	}
	return out
}

// slugify makes an address segment of a name (see directory.Slug), or,
// for a name in a script without Latin letters, its lower-cased form.
func slugify(s string) string {
	if k := directory.Slug(s); k != "" {
		return k
	}
	return termKey(s)
}

func keysSorted[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func orgStates(o *directory.Organization, _, _ string) map[string]string {
	m := map[string]string{}
	for _, loc := range o.Locations {
		if st := strings.TrimSpace(loc.Address.StateProvince); st != "" {
			m[slugify(st)] = strings.ToUpper(st)
		}
	}
	return m
}

// orgLanguages are the languages an organization's services and phones
// are offered in, named in lang.
func orgLanguages(o *directory.Organization, lang, _ string) map[string]string {
	m := map[string]string{}
	for _, s := range o.Services {
		for _, l := range s.Languages {
			m[slugify(l)] = directory.LanguageName(l, lang)
		}
	}
	for _, p := range o.Phones {
		for _, l := range p.Languages {
			m[slugify(l)] = directory.LanguageName(l, lang)
		}
	}
	return m
}

// orgServices are an organization's services, by the slug of their
// original name (the same address in every language) and named in lang.
func orgServices(o *directory.Organization, lang, def string) map[string]string {
	m := map[string]string{}
	for _, s := range o.Services {
		if k := slugify(s.Name); k != "" {
			m[k], _ = localText(s.Name, s.Translations, "name", lang, def)
		}
	}
	return m
}

func orgAlwaysOpen(o *directory.Organization, _, _ string) map[string]string {
	for _, s := range o.Services {
		if s.Hours != nil && s.Hours.AlwaysOpen {
			return map[string]string{"open-24-7": "Open 24 hours, 7 days"}
		}
	}
	return nil
}

// organizationLD is schema.org JSON-LD for an organization: its contact
// points and the opening hours of each service. It is written into a
// <script type="application/ld+json"> by html/template, which escapes
// "</script>" and every "<" in it.
func organizationLD(o *directory.Organization, url string) any {
	org := map[string]any{
		"@context": "https://schema.org",
		"@type":    "Organization",
		"name":     o.Name,
		"url":      url,
	}
	if o.AlternateName != "" {
		org["alternateName"] = o.AlternateName
	}
	if o.Description != "" {
		org["description"] = o.Description
	}
	if o.Website != "" {
		org["sameAs"] = o.Website
	}
	if o.Email != "" {
		org["email"] = o.Email
	}
	var points []map[string]any
	for _, p := range o.Phones {
		if p.Type == "fax" {
			org["faxNumber"] = p.E164
			continue
		}
		cp := map[string]any{"@type": "ContactPoint", "telephone": p.E164, "contactType": p.Type}
		if p.Description != "" {
			cp["description"] = p.Description
		}
		if len(p.Languages) > 0 {
			cp["availableLanguage"] = p.Languages
		}
		points = append(points, cp)
	}
	for _, s := range o.Services {
		if s.Hours == nil {
			continue
		}
		cp := map[string]any{"@type": "ContactPoint", "contactType": s.Name}
		if len(o.Phones) > 0 && o.Phones[0].Type != "fax" {
			cp["telephone"] = o.Phones[0].E164
		}
		var specs []map[string]any
		for _, h := range s.Hours.OpeningHoursSpecs() {
			spec := map[string]any{"@type": "OpeningHoursSpecification", "dayOfWeek": h.DayOfWeek, "opens": h.Opens, "closes": h.Closes}
			if h.ValidFrom != "" {
				spec["validFrom"] = h.ValidFrom
			}
			if h.ValidThrough != "" {
				spec["validThrough"] = h.ValidThrough
			}
			specs = append(specs, spec)
		}
		if len(specs) > 0 {
			cp["hoursAvailable"] = specs
		}
		points = append(points, cp)
	}
	if len(points) > 0 {
		org["contactPoint"] = points
	}
	var addrs []map[string]any
	for _, loc := range o.Locations {
		a := map[string]any{"@type": "PostalAddress"}
		if !loc.Confidential() {
			if loc.Address.Address1 != "" {
				a["streetAddress"] = strings.TrimSpace(loc.Address.Address1 + " " + loc.Address.Address2)
			}
			if loc.Address.PostalCode != "" {
				a["postalCode"] = loc.Address.PostalCode
			}
		}
		if loc.Address.City != "" {
			a["addressLocality"] = loc.Address.City
		}
		if loc.Address.StateProvince != "" {
			a["addressRegion"] = loc.Address.StateProvince
		}
		if loc.Address.Country != "" {
			a["addressCountry"] = loc.Address.Country
		}
		if len(a) > 1 {
			addrs = append(addrs, a)
		}
	}
	if len(addrs) == 1 {
		org["address"] = addrs[0]
	} else if len(addrs) > 1 {
		org["address"] = addrs
	}
	return org
}

// jsonLD renders a value for a <script type="application/ld+json"> element.
// The JSON encoder escapes <, > and & as \u003c and so on, so no text can
// close the element; html/template would do the same, but this keeps the
// output readable by any JSON-LD tool.
func jsonLD(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}
