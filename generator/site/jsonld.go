package site

import (
	"encoding/json"
	"html/template"
)

// JSONLD is the page's schema.org description for search engines and link
// previews, to be written as
//
//	<script type="application/ld+json">{{.JSONLD}}</script>
//
// A home page is a WebSite whose SearchAction points at the site's search
// (/search?q=...); a training material (a page of /materials/) is a
// LearningResource. Other pages get nothing: an organization's page has
// OrganizationJSONLD.
//
// The value is encoding/json's output, which writes <, > and & as \u003c,
// \u003e and \u0026, so no text from front matter can close the script
// element ("</script>") or start a comment.
func (d *pageData) JSONLD() template.JS {
	p, cfg := d.Page, d.Site.Config
	var v map[string]any
	switch {
	case p.Kind == KindHome:
		v = map[string]any{
			"@type": "WebSite",
			"name":  cfg.Title,
			"url":   cfg.BaseURL + p.URL,
			"potentialAction": map[string]any{
				"@type": "SearchAction",
				"target": map[string]any{
					"@type":       "EntryPoint",
					"urlTemplate": cfg.BaseURL + d.Site.SearchURL(p.Lang) + "?q={search_term_string}",
				},
				"query-input": "required name=search_term_string",
			},
		}
		if cfg.Description != "" {
			v["description"] = cfg.Description
		}
	case p.Kind == KindPage && docType(p) == "material":
		v = map[string]any{
			"@type":               "LearningResource",
			"name":                p.Title,
			"url":                 d.Canonical(),
			"isAccessibleForFree": true,
			"publisher":           map[string]any{"@type": "Organization", "name": cfg.Title, "url": cfg.BaseURL + "/"},
		}
		if desc := p.Description; desc != "" {
			v["description"] = desc
		}
		if !p.Date.IsZero() {
			v["datePublished"] = p.Date.Format("2006-01-02")
		}
		if !p.Lastmod.IsZero() {
			v["dateModified"] = p.Lastmod.Format("2006-01-02")
		}
		var audience []map[string]any
		for _, a := range p.Audience {
			audience = append(audience, map[string]any{"@type": "Audience", "audienceType": humanize(a)})
		}
		if audience != nil {
			v["audience"] = audience
		}
		var keywords []string
		for _, k := range append(append([]string{}, p.Topics...), p.Tags...) {
			keywords = append(keywords, humanize(k))
		}
		if keywords != nil {
			v["keywords"] = keywords
		}
	default:
		return ""
	}
	v["@context"] = "https://schema.org"
	if p.Lang != "" {
		v["inLanguage"] = p.Lang
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}
