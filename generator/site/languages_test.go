package site

import (
	"time"

	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"resourcelib/generator/diag"
)

var (
	alternateRe = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	switcherRe  = regexp.MustCompile(`(?s)<nav class="languages"[^>]*>(.*?)</nav>`)
	switchRe    = regexp.MustCompile(`<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">`)
	htmlLangRe  = regexp.MustCompile(`<html lang="([^"]+)">`)
)

// TestBundledTranslations checks the language switcher and the hreflang
// alternates of every page of the bundled site, in both directions: a
// page's alternates include itself, every alternate lists the page back
// with the same set, and the switcher leads to the alternate in the other
// language, or to that language's home when there is none.
func TestBundledTranslations(t *testing.T) {
	_, files := buildBundled(t)
	const base = "https://stop-enslavement-library.netlify.app"
	alternates := map[string]map[string]string{} // page address -> language -> address
	for name, html := range files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "admin/") {
			continue
		}
		u := "/" + strings.TrimSuffix(name, "index.html")
		m := map[string]string{}
		for _, a := range alternateRe.FindAllStringSubmatch(html, -1) {
			m[a[1]] = strings.TrimPrefix(a[2], base)
		}
		alternates[u] = m
	}
	pages, paired := 0, 0
	for name, html := range files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "admin/") {
			continue
		}
		pages++
		u := "/" + strings.TrimSuffix(name, "index.html")
		lang := pageLang(name)
		if m := htmlLangRe.FindStringSubmatch(html); m == nil || m[1] != lang {
			t.Errorf("%s: <html lang> is %v, want %s", name, m, lang)
		}
		alts := alternates[u]
		if len(alts) > 0 {
			paired++
			if alts[lang] != u {
				t.Errorf("%s: hreflang %s is %q, not the page itself", name, lang, alts[lang])
			}
			if alts["x-default"] != alts["en"] {
				t.Errorf("%s: x-default %q is not the English page %q", name, alts["x-default"], alts["en"])
			}
			for l, v := range alts {
				if l == "x-default" {
					continue
				}
				back := alternates[v]
				if back == nil {
					t.Errorf("%s: hreflang %s names %s, which is not a page", name, l, v)
					continue
				}
				if back[lang] != u || len(back) != len(alts) {
					t.Errorf("%s: hreflang %s names %s, whose alternates %v do not name this page back as %s", name, l, v, back, lang)
				}
			}
		}
		nav := switcherRe.FindStringSubmatch(html)
		if nav == nil {
			t.Errorf("%s: no language switcher", name)
			continue
		}
		links := switchRe.FindAllStringSubmatch(nav[1], -1)
		if len(links) != 1 {
			t.Errorf("%s: the switcher has %d links, want 1", name, len(links))
			continue
		}
		href, hreflang, linkLang := links[0][1], links[0][2], links[0][3]
		other := map[string]string{"en": "es", "es": "en"}[lang]
		if hreflang != other || linkLang != other {
			t.Errorf("%s: the switcher links to hreflang=%s lang=%s, want %s", name, hreflang, linkLang, other)
		}
		want := alts[other]
		if want == "" {
			want = map[string]string{"en": "/", "es": "/es/"}[other]
		}
		if strings.HasSuffix(name, "404.html") {
			want = map[string]string{"en": "/404.html", "es": "/es/404.html"}[other]
		}
		if href != want {
			t.Errorf("%s: the switcher goes to %s, want %s", name, href, want)
		}
	}
	// Every page of the bundled site is translated: only generated term
	// pages (tags written in each language) have no alternates.
	t.Logf("%d pages, %d with translations", pages, paired)
	for _, name := range []string{"index.html", "es/index.html", "hotline/index.html", "es/hotline/index.html",
		"materials/who-can-call/index.html", "es/organizations/nhtrc/index.html", "es/organizations/state/dc/index.html"} {
		if len(alternates["/"+strings.TrimSuffix(name, "index.html")]) != 3 {
			t.Errorf("%s: hreflang alternates %v, want en, es and x-default", name, alternates["/"+strings.TrimSuffix(name, "index.html")])
		}
	}
}

// TestI18nComplete: every language of layouts/i18n has every interface
// string English has, so no visitor meets an English word on a page in
// their language.
func TestI18nComplete(t *testing.T) {
	read := func(lang string) map[string]string {
		data, err := os.ReadFile("../../layouts/i18n/" + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en := read("en")
	files, _ := os.ReadDir("../../layouts/i18n")
	for _, f := range files {
		lang := strings.TrimSuffix(f.Name(), ".yaml")
		if lang == "en" {
			continue
		}
		other := read(lang)
		var missing []string
		for k, v := range en {
			if s, ok := other[k]; !ok || s == "" && v != "" {
				missing = append(missing, k)
			}
		}
		slices.Sort(missing)
		if len(missing) > 0 {
			t.Errorf("layouts/i18n/%s.yaml lacks %d strings of en.yaml: %s", f.Name(), len(missing), strings.Join(missing, ", "))
		}
		for k := range other {
			if _, ok := en[k]; !ok {
				t.Errorf("layouts/i18n/%s has %q, which en.yaml does not", f.Name(), k)
			}
		}
	}
}

// TestPageLanguage: a page's language and address from its folder, its
// file name's suffix or its front matter, and the error for a file whose
// folder and name disagree.
func TestPageLanguage(t *testing.T) {
	src := fstest.MapFS{
		"content/site.yaml":                 {Data: []byte("languages: [{code: en}, {code: es}, {code: pt-BR}]\n")},
		"content/_index.md":                 {Data: []byte("---\ntitle: Home\n---\n")},
		"content/a.md":                      {Data: []byte("---\ntitle: A\n---\n")},
		"content/a.es.md":                   {Data: []byte("---\ntitle: A es\n---\n")},
		"content/b.pt-BR.md":                {Data: []byte("---\ntitle: B pt\n---\n")},
		"content/es/guides/c.md":            {Data: []byte("---\ntitle: C es\n---\n")},
		"content/guides/c.md":               {Data: []byte("---\ntitle: C\n---\n")},
		"content/d.md":                      {Data: []byte("---\ntitle: D\nlanguage: es\n---\n")},
		"content/e.md":                      {Data: []byte("---\ntitle: E\nlanguage: fr\n---\n")},
		"content/f.en.md":                   {Data: []byte("---\ntitle: F\n---\n")},
		"content/v1.2.md":                   {Data: []byte("---\ntitle: Version\n---\n")},
		"content/es/guides/_index.md":       {Data: []byte("---\ntitle: Guías\n---\n")},
		"content/guides/bundle/index.es.md": {Data: []byte("---\ntitle: Paquete\n---\n")},
		"content/guides/bundle/index.md":    {Data: []byte("---\ntitle: Bundle\n---\n")},
		"content/guides/bundle/card.txt":    {Data: []byte("card")},
	}
	l := &diag.List{}
	s := load(src, include{now: time.Now()}, l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ url, lang, title string }{
		{"/a/", "en", "A"},
		{"/es/a/", "es", "A es"},
		{"/pt-BR/b/", "pt-BR", "B pt"},
		{"/es/guides/c/", "es", "C es"},
		{"/es/d/", "es", "D"},
		{"/e/", "fr", "E"}, // a language the site does not list stays where it is
		{"/f/", "en", "F"},
		{"/v1.2/", "en", "Version"},
		{"/es/guides/", "es", "Guías"},
		{"/es/guides/bundle/", "es", "Paquete"},
		{"/guides/bundle/", "en", "Bundle"},
	} {
		p := s.byURL[tc.url]
		if p == nil {
			t.Errorf("no page at %s", tc.url)
			continue
		}
		if p.Lang != tc.lang || p.Title != tc.title {
			t.Errorf("%s: %s %q, want %s %q", tc.url, p.Lang, p.Title, tc.lang, tc.title)
		}
	}
	if p := s.byURL["/es/guides/bundle/"]; p == nil || len(p.Attachments) != 1 || p.Attachments[0].URL != "/es/guides/bundle/card.txt" {
		t.Errorf("the Spanish page of a bundle does not list its file: %+v", p)
	}
	if p := s.byURL["/es/guides/c/"]; p == nil || p.Section != "guides" || p.Parent == nil || p.Parent.URL != "/es/guides/" {
		t.Errorf("the Spanish guide's section: %+v", p)
	}
	if p := s.byURL["/a/"]; len(p.Translations) != 1 || p.Translations[0].URL != "/es/a/" {
		t.Errorf("/a/'s translations: %v", p.Translations)
	}

	src["content/es/g.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: G\n---\n")}
	l = &diag.List{}
	load(src, include{now: time.Now()}, l)
	var errs []diag.Problem
	for _, p := range l.Sorted() {
		if p.Severity != diag.Warning {
			errs = append(errs, p)
		}
	}
	if len(errs) != 1 || errs[0].File != "content/es/g.en.md" || !strings.Contains(errs[0].Msg, "in the es folder but its name says en") {
		t.Errorf("want one error about content/es/g.en.md, got %v", errs)
	}
}
