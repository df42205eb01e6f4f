package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// Languages. A site in several languages lists them in site.yaml, the
// default first; a page's language comes from its folder (content/es/...)
// or a suffix (page.es.md), and its address starts with /es/. Two pages
// in different languages are translations of each other when they have
// the same path below their language's root (content/about.md,
// content/es/about.md and content/about.es.md), or the same front matter
// translation_key. Generated pages (sections without an _index.md,
// taxonomies, organizations, the directory's filters) are linked by their
// address without the language's prefix.

// linkTranslations sets every page's Translations, and reports a
// translation_key used twice in one language, a translation whose original
// is missing, and (once per language) the pages that exist in one language
// only.
func (s *Site) linkTranslations(l *diag.List) {
	if len(s.Config.Languages) < 2 {
		return
	}
	order := map[string]int{}
	for i, lang := range s.Config.Languages {
		order[lang.Code] = i
	}
	type slot struct{ key, lang string }
	byKey := map[slot]*Page{}
	groups := map[string][]*Page{}
	var keys []string
	for _, p := range s.Pages { // sorted by URL: the first of two wins
		if _, ok := order[p.Lang]; !ok || p.Kind == Kind404 {
			continue
		}
		if p.key == "" {
			p.key = s.translationKey(p)
		}
		if prev := byKey[slot{p.key, p.Lang}]; prev != nil {
			if p.TranslationKey != "" && prev.TranslationKey != "" {
				at := p.pos.Of("translation_key")
				l.Add(diag.Problem{File: p.File, Line: at.Line, Col: at.Col,
					Msg:  fmt.Sprintf("translation_key %q is also used by %s, in the same language (%s)", p.TranslationKey, prev.File, p.Lang),
					Hint: "a translation_key links one page in each language: give one of them another key"})
			}
			continue
		}
		byKey[slot{p.key, p.Lang}] = p
		if groups[p.key] == nil {
			keys = append(keys, p.key)
		}
		groups[p.key] = append(groups[p.key], p)
	}
	def := s.Config.Language
	missing := map[string][]string{} // language -> files of the default language it lacks
	for _, k := range keys {
		g := groups[k]
		slices.SortStableFunc(g, func(a, b *Page) int { return cmp.Compare(order[a.Lang], order[b.Lang]) })
		for _, p := range g {
			p.Translations = nil
			for _, q := range g {
				if q != p {
					p.Translations = append(p.Translations, q)
				}
			}
		}
		var orig *Page // the page in the default language
		if g[0].Lang == def {
			orig = g[0]
		}
		if orig == nil {
			for _, p := range g {
				if p.File != "" {
					l.Add(diag.Problem{File: p.File, Severity: diag.Warning,
						Msg:  fmt.Sprintf("this page is in %s, and its original in %s is missing", s.languageName(p.Lang), s.languageName(def)),
						Hint: fmt.Sprintf("add the %s page at the same path below content/ (or give both the same translation_key), or remove this one", s.languageName(def))})
				}
			}
			continue
		}
		if orig.File == "" {
			continue
		}
		for _, lang := range s.Config.Languages[1:] {
			found := false
			for _, p := range g {
				found = found || p.Lang == lang.Code && p.File != ""
			}
			if !found {
				missing[lang.Code] = append(missing[lang.Code], orig.File)
			}
		}
	}
	at := s.Config.Pos.Of("languages")
	for _, lang := range s.Config.Languages[1:] {
		files := missing[lang.Code]
		if len(files) == 0 {
			continue
		}
		slices.Sort(files)
		list := files
		more := ""
		if len(list) > 20 {
			list, more = list[:20], fmt.Sprintf(" and %d more", len(files)-20)
		}
		pages := fmt.Sprintf("%d pages have", len(files))
		if len(files) == 1 {
			pages = "1 page has"
		}
		l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col, Severity: diag.Warning,
			Msg:  fmt.Sprintf("%s no %s translation: %s%s", pages, s.languageName(lang.Code), strings.Join(list, ", "), more),
			Hint: fmt.Sprintf("translate them into content/%s/ at the same paths; until then the language switcher leads to the %s home page", lang.Code, s.languageName(lang.Code))})
	}
}

// translationKey is what links a page to its translations when it has no
// translation_key: its path below its language's root, without .md, with
// _index and index standing for their folder; for a generated page, its
// address without the language's prefix.
func (s *Site) translationKey(p *Page) string {
	if p.TranslationKey != "" {
		return "key:" + p.TranslationKey
	}
	if p.File == "" || p.langRel == "" {
		u := strings.Trim(strings.TrimPrefix(p.URL, s.langPrefix(p.Lang)), "/")
		return "path:" + u
	}
	k := strings.TrimSuffix(p.langRel, ".md")
	if b := path.Base(k); b == "_index" || b == "index" {
		k = strings.TrimPrefix(path.Dir(k), ".")
	}
	return "path:" + k
}

// languageName is a language's name in the site's default language, for
// messages to editors.
func (s *Site) languageName(code string) string {
	return directory.LanguageName(code, s.Config.Language)
}

// makeViews makes the site as each language's pages see it (.Site in a
// layout): the language's own title, tagline, description and menu, and
// .Site.Section, .Site.Home and .Site.LangURL in that language. Views share
// everything else with the site.
func (s *Site) makeViews() {
	s.views = map[string]*Site{}
	for _, lang := range s.Config.Languages {
		v := *s
		v.Config = s.Config.forLanguage(lang.Code)
		v.Language = lang
		v.views = nil
		s.views[lang.Code] = &v
	}
}

// view is the site as a page in lang sees it.
func (s *Site) view(lang string) *Site {
	if v := s.views[lang]; v != nil {
		return v
	}
	return s
}

// Home is the address of the home page of this view's language: "/" or "/es/".
func (s *Site) Home() string { return s.langPrefix(s.Language.Code) + "/" }

// LangURL is the address, in this view's language, of the page at u: the
// translation of the page at u if it has one in this language, otherwise u
// itself. Layouts use it for fixed links: {{.Site.LangURL "/browsing-safely/"}}.
func (s *Site) LangURL(u string) string {
	if s.reads != nil {
		s.reads.langURLs = append(s.reads.langURLs, u)
	}
	return s.langURL(u)
}

func (s *Site) langURL(u string) string {
	p := s.byURL[u]
	if p == nil || p.Lang == s.Language.Code || s.Language.Code == "" {
		return u
	}
	for _, t := range p.Translations {
		if t.Lang == s.Language.Code {
			return t.URL
		}
	}
	if q := s.byURL[s.langPrefix(s.Language.Code)+u]; q != nil {
		return q.URL
	}
	return u
}

// LanguageLink is one link of the language switcher.
type LanguageLink struct {
	Code, Name string
	URL        string
	Translated bool   // URL is this page's translation, not the language's home page
	Note       string // when it is not: says so, in that language (language_home_note)
}

// LanguageLinks are the links of the language switcher: for each other
// language of the site, the translation of this page, or that language's
// home page when there is none.
func (d *pageData) LanguageLinks() []LanguageLink {
	var out []LanguageLink
	for _, lang := range d.Site.Config.Languages {
		if lang.Code == d.Page.Lang {
			continue
		}
		link := LanguageLink{Code: lang.Code, Name: lang.Name, URL: d.Site.langPrefix(lang.Code) + "/"}
		for _, t := range d.Page.Translations {
			if t.Lang == lang.Code {
				link.URL, link.Translated = t.URL, true
			}
		}
		if !link.Translated && d.Page.Kind != KindHome {
			link.Note = d.tmpl.T(lang.Code, "language_home_note")
		}
		out = append(out, link)
	}
	if len(out) == len(d.Site.Config.Languages) { // the page is in a language the site does not list
		return nil
	}
	return out
}

// Alternate is one <link rel="alternate" hreflang> of a page.
type Alternate struct{ Lang, URL string }

// Alternates lists a translated page in every language it exists in,
// itself included, with absolute addresses, and x-default for the default
// language's; nothing for a page without translations.
func (d *pageData) Alternates() []Alternate {
	return d.Site.alternates(d.Page)
}

func (s *Site) alternates(p *Page) []Alternate {
	if len(p.Translations) == 0 || p.Kind == Kind404 || p.Kind == KindSearch {
		return nil // not pages a search engine should list
	}
	all := append([]*Page{p}, p.Translations...)
	slices.SortStableFunc(all, func(a, b *Page) int { return cmp.Compare(s.languageIndex(a.Lang), s.languageIndex(b.Lang)) })
	var out []Alternate
	for _, q := range all {
		out = append(out, Alternate{Lang: q.Lang, URL: s.Config.BaseURL + q.URL})
	}
	if all[0].Lang == s.Config.Language {
		out = append(out, Alternate{Lang: "x-default", URL: s.Config.BaseURL + all[0].URL})
	}
	return out
}

func (s *Site) languageIndex(code string) int {
	for i, lang := range s.Config.Languages {
		if lang.Code == code {
			return i
		}
	}
	return len(s.Config.Languages)
}

// LocalText is a text of an organization in the page's language, or, when
// it has no translation, the original with its language in Lang (for a
// lang attribute); Lang is empty when the text is in the page's language.
type LocalText struct {
	Text, Lang string
}

func (t LocalText) String() string { return t.Text }

// localText picks a translated field: its text in lang and the language
// it is in.
func localText(orig string, tr directory.Translations, field, lang, def string) (string, string) {
	if lang != def {
		if s, ok := tr.In(field, lang); ok {
			return s, lang
		}
	}
	return orig, def
}

// Local is the text of an organization's or a service's translated field
// (description; a service's name, description, eligibility, after_hours)
// in the page's language: {{with $.Local . "eligibility"}}<dd{{with .Lang}}
// lang="{{.}}"{{end}}>{{.Text}}</dd>{{end}}.
func (d *pageData) Local(v any, field string) LocalText {
	var orig string
	var tr directory.Translations
	switch x := v.(type) {
	case *directory.Organization:
		if x == nil {
			return LocalText{}
		}
		tr = x.Translations
		if field == "description" {
			orig = x.Description
		} else if field == "name" {
			orig = x.Name
		}
	case directory.Phone:
		tr = x.Translations
		if field == "description" {
			orig = x.Description
		}
	case directory.Location:
		tr = x.Translations
		switch field {
		case "name":
			orig = x.Name
		case "description":
			orig = x.Description
		}
	case directory.Service:
		tr = x.Translations
		switch field {
		case "name":
			orig = x.Name
		case "description":
			orig = x.Description
		case "eligibility":
			orig = x.Eligibility
		case "after_hours":
			orig = x.AfterHours
		}
	}
	def := d.Site.Config.Language
	text, lang := localText(orig, tr, field, d.Page.Lang, def)
	if lang == d.Page.Lang || text == "" {
		lang = ""
	}
	return LocalText{Text: text, Lang: lang}
}

// OrigLang is the site's default language when the page is in another
// one, for a lang attribute on text written once, in the original: an
// organization's name, say. It is empty on pages in the default language.
func (d *pageData) OrigLang() string {
	if d.Page.Lang == d.Site.Config.Language || !d.Site.hasLanguage(d.Page.Lang) {
		return ""
	}
	return d.Site.Config.Language
}

// OrgURL is the address of an organization's page in the page's language.
func (d *pageData) OrgURL(o *directory.Organization) string {
	return d.Site.langPrefix(d.Page.Lang) + "/organizations/" + o.ID + "/"
}

// cmsLanguages adds the site's other languages to the CMS admin: a
// collection of materials and one of pages for each (content/es/materials,
// content/es), and after each translatable field of an organization its
// field in each language (description_es). Decap's own i18n settings are
// not used: its multiple_files structure would want the default language's
// files named page.en.md, and multiple_folders content/materials/es/.
func (s *Site) cmsLanguages(cols []cmsCollection) []cmsCollection {
	if len(s.Config.Languages) < 2 {
		return cols
	}
	var out []cmsCollection
	for _, c := range cols {
		if c.Name == "organizations" {
			c.Fields = s.cmsTranslated(c.Fields, "")
		}
		out = append(out, c)
	}
	for _, lang := range s.Config.Languages[1:] {
		for _, c := range cols {
			if c.Name != "materials" && c.Name != "material_bundles" && c.Name != "pages" {
				continue
			}
			c.Name += "_" + lang.Code
			c.Label += " (" + s.languageName(lang.Code) + ")"
			c.Folder = path.Join("content", lang.Code, strings.TrimPrefix(c.Folder, "content"))
			c.Description = fmt.Sprintf("Pages in %s: a page at the same path as its %s original is its translation.", s.languageName(lang.Code), s.languageName(s.Config.Language))
			out = append(out, c)
		}
	}
	return out
}

func (s *Site) cmsTranslated(fields []cmsField, where string) []cmsField {
	var out []cmsField
	for _, f := range fields {
		if len(f.Fields) > 0 && directory.TranslatedKeys[f.Name] != nil && where == "" {
			f.Fields = s.cmsTranslated(f.Fields, f.Name)
		}
		out = append(out, f)
		if !slices.Contains(directory.TranslatedKeys[where], f.Name) {
			continue
		}
		for _, lang := range s.Config.Languages[1:] {
			t := f
			t.Name, t.Label, t.Required = f.Name+"_"+lang.Code, f.Label+" ("+s.languageName(lang.Code)+")", false
			t.Hint = fmt.Sprintf("the same text in %s; left empty, the %s text is shown", s.languageName(lang.Code), s.languageName(s.Config.Language))
			out = append(out, t)
		}
	}
	return out
}
