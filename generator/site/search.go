package site

import (
	"strings"

	"resourcelib/generator/directory"
	"resourcelib/generator/publish"
	"resourcelib/generator/searchdoc"
)

// Document is what the search index learns about one page or organization
// (see package searchdoc, which the search function shares without linking
// this package).
type Document = searchdoc.Document

// Indexer receives the searchable documents of a build. Build calls Add from
// several goroutines, SearchPage once per language, then Finish once the
// site is written, and Abort in any case (after Finish, it does nothing).
type Indexer interface {
	Add(Document) error
	// SearchPage receives the site's search results page for a language,
	// rendered with the site's layouts. It holds the placeholders
	// SearchQueryToken, SearchResultsToken and SearchTitleToken, which
	// the search handler replaces for each request.
	// text holds the language's interface strings (layouts/i18n), English
	// where the language has none of its own, for the results the handler
	// writes into the page.
	SearchPage(lang string, html []byte, text map[string]string) error
	// Finish completes the index in its new folder and returns it (nil
	// for an index that writes no folder). Build publishes it with the
	// site, as one unit (see package publish), or discards it.
	Finish() (*publish.Folder, error)
	Abort()
}

// Placeholders in the search page that the handler fills in.
const (
	SearchQueryToken   = searchdoc.QueryToken
	SearchResultsToken = searchdoc.ResultsToken
	SearchTitleToken   = searchdoc.TitleToken
)

// KindSearch is the search results page.
const KindSearch = "search"

// docType names a page's type for search filters: "material" for the
// materials section, "page" for a page at the top level, otherwise the
// front matter `type` or the section's name.
func docType(p *Page) string {
	switch {
	case p.Kind == KindOrganization:
		return "organization"
	case p.Kind == KindSection:
		return "page" // a section's own text, such as the directory's introduction
	case p.Type != "":
		return p.Type
	case p.Section == "materials":
		return "material"
	case p.Parent == nil || p.Parent.Kind == KindHome:
		if p.Kind == KindPage {
			return "page"
		}
	}
	if p.Section == "" {
		return "page"
	}
	return p.Section
}

// searchable reports whether a page belongs in the index: content pages and
// organizations do; generated lists (terms, taxonomies, the home page) do not.
func searchable(p *Page, text string) bool {
	switch p.Kind {
	case KindPage, KindOrganization:
		return true
	case KindSection:
		return p.File != "" && strings.TrimSpace(text) != ""
	}
	return false
}

func pageDocument(p *Page, text string, headings []Heading) Document {
	d := Document{
		URL: p.URL, Type: docType(p), Title: p.Title, Description: p.Description,
		Body: text, Tags: p.Tags, Topics: p.Topics, Audience: p.Audience,
		Language: p.Lang, Date: p.Date,
	}
	for _, h := range headings {
		d.Headings = append(d.Headings, h.Text)
	}
	return d
}

// organizationDocument makes an organization searchable by what a person
// would type: its names, services, eligibility, languages, city and state,
// and phone numbers. A confidential location's street address was blanked
// when the file was loaded and never reaches the index.
func organizationDocument(p *Page, o *directory.Organization, def string) Document {
	d := Document{URL: p.URL, Type: "organization", Title: o.Name, Description: p.Description,
		Language: p.Lang, Tags: o.Tags}
	var b strings.Builder
	add := func(s ...string) {
		for _, x := range s {
			if x = strings.TrimSpace(x); x != "" {
				b.WriteString(x)
				b.WriteString("\n")
			}
		}
	}
	if o.AlternateName != "" {
		// "NHTRC" should find the NHTRC before pages that mention it.
		d.Headings = append(d.Headings, o.AlternateName)
	}
	for _, s := range o.Services {
		local := func(field, orig string) string {
			t, _ := localText(orig, s.Translations, field, p.Lang, def)
			return t
		}
		d.Headings = append(d.Headings, local("name", s.Name))
		add(local("name", s.Name), local("description", s.Description), local("eligibility", s.Eligibility), local("after_hours", s.AfterHours))
		for _, l := range s.Languages {
			add(directory.LanguageName(l, p.Lang))
		}
		if s.Hours != nil {
			add(s.Hours.DescribeIn(p.Lang)...)
		}
	}
	for _, ph := range o.Phones {
		add(ph.Text(), ph.Description)
	}
	seen := map[string]bool{}
	for _, l := range o.Locations {
		add(l.Name, l.Address.City, l.Address.StateProvince)
		if st := strings.ToUpper(strings.TrimSpace(l.Address.StateProvince)); st != "" && !seen[st] {
			seen[st] = true
			d.States = append(d.States, st)
		}
		if d.Lat == nil && l.Latitude != nil && l.Longitude != nil {
			d.Lat, d.Lon = l.Latitude, l.Longitude
		}
	}
	d.Body = b.String()
	return d
}
