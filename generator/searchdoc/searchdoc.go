// Package searchdoc is what the site engine and the search handler share:
// the document the index learns about each page, the placeholders of the
// search page, and the rule for which addresses search answers. It is a
// package of its own so that the search function links neither the site
// engine (goldmark, TOML, phone parsing) nor the site engine bleve.
package searchdoc

import (
	"strings"
	"time"
)

// Document is what the search index learns about one page or organization.
// The site package builds them; the search package (the only one that
// knows bleve) indexes them.
type Document struct {
	URL         string
	Type        string // material, organization, page, or the section's name
	Title       string
	Description string
	Body        string // the text without markup, blocks separated by newlines
	Headings    []string
	Tags        []string
	Topics      []string
	Audience    []string
	Language    string
	States      []string // organizations: the states of their locations
	Lat, Lon    *float64 // organizations: the first location with coordinates
	Date        time.Time
}

// Placeholders in the search page that the handler fills in.
const (
	QueryToken   = "SEARCH_QUERY_PLACEHOLDER"
	ResultsToken = "SEARCH_RESULTS_PLACEHOLDER"
	TitleToken   = "SEARCH_TITLE_PLACEHOLDER"
)

// ParsePath reports whether a site address is answered by the search
// handler rather than a file, and how: /search is the results page, /api/search
// the JSON API, and /LANG/search the results page in another language
// (LANG of 2 to 8 letters, digits or hyphens). A trailing slash is allowed;
// anything else, such as /searchx or /es/search/x, is not search.
func ParsePath(p string) (lang string, api, ok bool) {
	p = strings.TrimSuffix(p, "/")
	switch p {
	case "/search":
		return "", false, true
	case "/api/search":
		return "", true, true
	}
	lang, rest, found := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if !found || rest != "search" || len(lang) < 2 || len(lang) > 8 {
		return "", false, false
	}
	for _, r := range lang {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return "", false, false
		}
	}
	return lang, false, true
}

// IsPath reports whether the search handler answers the address p.
func IsPath(p string) bool {
	_, _, ok := ParsePath(p)
	return ok
}
