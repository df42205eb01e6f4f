package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hours"
	"resourcelib/generator/searchdoc"
)

// templates parses each layout once, on first use, and keeps it.
type templates struct {
	fsys  fs.FS // holds layouts/
	base  *template.Template
	i18n  map[string]map[string]string
	mu    sync.Mutex
	cache map[string]*template.Template
	errs  map[string]error
	found map[string]bool // whether a layout file exists, looked up once

	// cards are the organization cards rendered (see pageData.Card), and
	// cardRuns counts how many were rendered rather than reused.
	cardMu   sync.Mutex
	cards    map[cardKey]template.HTML
	cardRuns int
}

// cardKey names one card: the template set (a layout in a language,
// parsed anew when the layout is edited), the card's name, and the
// organization (which an edit replaces, see pointer) or what the card
// shows of a page.
type cardKey struct {
	set  *template.Template
	name string
	org  *directory.Organization
	page pageCard
}

func newTemplates(fsys fs.FS, l *diag.List) *templates {
	t := &templates{fsys: fsys, cache: map[string]*template.Template{}, errs: map[string]error{}, found: map[string]bool{}, i18n: map[string]map[string]string{}}
	base := template.New("layouts/base.html").Funcs(funcs)
	files := []string{"layouts/base.html"}
	partials, _ := fs.Glob(fsys, "layouts/partials/*.html")
	files = append(files, partials...)
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			l.Errorf(f, 0, 0, "cannot read layout: %v", err)
			continue
		}
		tt := base
		if f != base.Name() {
			tt = base.New(f)
		}
		if _, err := tt.Parse(string(data)); err != nil {
			l.Add(templateProblem(err, f))
		}
	}
	t.base = base
	langs, _ := fs.Glob(fsys, "layouts/i18n/*.yaml")
	for _, f := range langs {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			l.Errorf(f, 0, 0, "cannot read the interface strings: %v", err)
			continue
		}
		m := map[string]string{}
		if diag.DecodeYAML(f, 0, data, &m, l) {
			t.i18n[strings.TrimSuffix(path.Base(f), ".yaml")] = m
		}
	}
	return t
}

// lookup returns the template set for a page: base, partials and the
// page's own layout. The first of these that exists is used:
//
//	layouts/LAYOUT.html          (front matter `layout`)
//	layouts/TYPE/KIND.html       (front matter `type`)
//	layouts/SECTION/KIND.html
//	layouts/KIND.html            (page, section, home, term, taxonomy, organization, 404)
//	layouts/list.html            (for list kinds) or layouts/page.html
func (t *templates) lookup(p *Page) (*template.Template, string, error) {
	var candidates []string
	if p.Layout != "" {
		candidates = append(candidates, "layouts/"+p.Layout+".html")
	}
	if p.Type != "" {
		candidates = append(candidates, "layouts/"+p.Type+"/"+p.Kind+".html")
	}
	if p.Section != "" {
		candidates = append(candidates, "layouts/"+p.Section+"/"+p.Kind+".html")
	}
	candidates = append(candidates, "layouts/"+p.Kind+".html")
	if p.IsList() {
		candidates = append(candidates, "layouts/list.html")
	}
	candidates = append(candidates, "layouts/page.html")
	for _, c := range candidates {
		if strings.Contains(c, "..") {
			continue
		}
		if t.exists(c) {
			tmpl, err := t.get(c, p.Lang)
			return tmpl, c, err
		}
	}
	return nil, "", fmt.Errorf("no layout for this page: looked for %s", strings.Join(candidates, ", "))
}

// exists reports whether a layout file exists. Every page looks for up to
// six, so the answers are kept.
func (t *templates) exists(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	ok, known := t.found[name]
	if !known {
		_, err := fs.Stat(t.fsys, name)
		ok = err == nil
		t.found[name] = ok
	}
	return ok
}

// get returns a layout with base and partials, its functions speaking
// lang (see langFuncs). Each is parsed once per language.
func (t *templates) get(name, lang string) (*template.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	key := name + "\x00" + lang
	if tmpl, ok := t.cache[key]; ok {
		return tmpl, t.errs[key]
	}
	var tmpl *template.Template
	data, err := fs.ReadFile(t.fsys, name)
	if err == nil {
		tmpl, err = t.base.Clone()
	}
	if err == nil {
		tmpl.Funcs(t.langFuncs(lang))
		_, err = tmpl.New(name).Parse(string(data))
	}
	t.cache[key], t.errs[key] = tmpl, err
	return tmpl, err
}

// forget drops a layout's parsed templates, so that the next use reads
// the file again.
func (t *templates) forget(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	gone := map[*template.Template]bool{}
	for key, tmpl := range t.cache {
		if strings.HasPrefix(key, name+"\x00") {
			gone[tmpl] = true
			delete(t.cache, key)
			delete(t.errs, key)
		}
	}
	t.cardMu.Lock()
	for key := range t.cards {
		if gone[key.set] {
			delete(t.cards, key) // its layout will be parsed again
		}
	}
	t.cardMu.Unlock()
}

// langFuncs are the template functions whose words depend on the page's
// language: dates, hours, time zones, language names, phone labels, file
// types and sizes. English and Spanish are written out; any other
// language gets English forms and its interface strings from i18n.
func (t *templates) langFuncs(lang string) template.FuncMap {
	spanish := lang == "es" || strings.HasPrefix(lang, "es-")
	return template.FuncMap{
		"date": func(d time.Time) string {
			if d.IsZero() {
				return ""
			}
			if spanish {
				return hours.LongDateES(hours.Date{Year: d.Year(), Month: d.Month(), Day: d.Day()})
			}
			return d.Format("2 January 2006")
		},
		"hoursText": func(s *hours.Schedule) []string {
			if s == nil {
				return nil
			}
			return s.DescribeIn(lang)
		},
		"zoneName": func(s *hours.Schedule) string {
			if s == nil || s.Zone == nil {
				return ""
			}
			return hours.ZoneNameIn(s.Zone, lang)
		},
		"languageName": func(code string) string { return directory.LanguageName(code, lang) },
		"orgLanguageNames": func(o *directory.Organization) []string {
			m := orgLanguages(o, lang, "")
			var names []string
			for _, k := range keysSorted(m) {
				names = append(names, m[k])
			}
			return names
		},
		"phoneLabel": func(typ string) string {
			switch typ {
			case "hotline", "voice":
				return t.T(lang, "call")
			case "text", "tty", "fax":
				return t.T(lang, typ)
			}
			return humanize(typ)
		},
		"humanSize": func(n int64) string {
			s := humanSize(n)
			if n < 1024 {
				return strings.Replace(s, "bytes", t.T(lang, "bytes"), 1)
			}
			if spanish {
				s = strings.Replace(s, ".", ",", 1)
			}
			return s
		},
		"fileType": func(name string) string {
			typ := fileType(name)
			if key, ok := fileTypeKeys[typ]; ok {
				return t.T(lang, key)
			}
			return typ
		},
	}
}

// fileTypeKeys are the interface strings of fileType's names.
var fileTypeKeys = map[string]string{
	"PDF document": "file_pdf", "Text file": "file_text", "Word document": "file_word",
	"PowerPoint presentation": "file_powerpoint", "Excel spreadsheet": "file_excel",
	"CSV spreadsheet": "file_csv", "Audio": "file_audio", "Video": "file_video", "File": "file_other",
}

// strings returns every interface string of a language, English where it
// has none of its own.
func (t *templates) strings(lang string) map[string]string {
	m := map[string]string{}
	for k, v := range t.i18n["en"] {
		m[k] = v
	}
	for k, v := range t.i18n[lang] {
		m[k] = v
	}
	return m
}

// T looks up an interface string in layouts/i18n/LANG.yaml, falling back to
// English and then to the key itself.
func (t *templates) T(lang, key string) string {
	if s, ok := t.i18n[lang][key]; ok {
		return s
	}
	if s, ok := t.i18n["en"][key]; ok {
		return s
	}
	return key
}

var dialable = regexp.MustCompile(`^(tel|sms):\+?[0-9]{3,15}$`)

var tmplPos = regexp.MustCompile(`template: (layouts/[^:]+):(\d+)(?::(\d+))?: ?(.*)`)

// templateProblem turns an html/template error into a positioned problem.
func templateProblem(err error, fallback string) diag.Problem {
	msg := err.Error()
	if m := tmplPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Problem{File: m[1], Line: line, Col: col, Msg: m[4]}
	}
	return diag.Problem{File: fallback, Msg: strings.TrimPrefix(msg, "template: ")}
}

// pageData is what a layout sees as dot.
type pageData struct {
	Site    *Site
	Page    *Page
	Pager   *Pager
	Hotline *directory.Organization
	// Query is what the visitor searched for: set on the search page (as a
	// placeholder the search handler fills in), empty elsewhere.
	Query string
	tmpl  *templates
	set   *template.Template // the template set running, for Card
}

// T returns an interface string in the page's language.
func (d *pageData) T(key string) string { return d.tmpl.T(d.Page.Lang, key) }

// data is what the layout of p sees: the site as p's language sees it.
func (w *writer) data(p *Page) *pageData {
	site := w.site.view(p.Lang)
	if w.keepBodies && p.Rendered != nil {
		// A Session's: the page's own view, to record what it asks.
		v := *site
		v.reads = &siteReads{}
		p.reads = v.reads
		site = &v
	}
	return &pageData{Site: site, Page: p, Hotline: w.site.Hotline, tmpl: w.tmpl}
}

// AbsURL makes a site path absolute with the base URL.
func (d *pageData) AbsURL(u string) string { return d.Site.Config.BaseURL + u }

// Canonical is the page's absolute address.
func (d *pageData) Canonical() string {
	u := d.Page.URL
	if d.Pager != nil && d.Pager.Number > 1 {
		u = d.Pager.URL
	}
	return d.Site.Config.BaseURL + u
}

// Asset is the address of a static file with its content hash appended
// (/css/site.css?v=1a2b3c4d5e), so a changed file is never served stale.
func (d *pageData) Asset(u string) string {
	if h := d.Site.assets[u]; h != "" {
		return u + "?v=" + h
	}
	return u
}

// ScheduleJSON is a schedule in the form static/js/hours.js reads, with its
// zone's UTC offsets for the years around the build's clock (Options.Now),
// so that the open-now badge needs no Intl time zone at load.
func (d *pageData) ScheduleJSON(s *hours.Schedule) string {
	if s == nil {
		return ""
	}
	if d.Site.inc.now.IsZero() {
		return s.BrowserJSON() // a site not loaded by a build: hours.js asks Intl
	}
	return s.BrowserJSONAt(d.Site.inc.now)
}

// OrganizationJSONLD is the schema.org description of the page's
// organization, for a <script type="application/ld+json"> element.
func (d *pageData) OrganizationJSONLD() template.JS {
	if d.Page.Organization == nil {
		return ""
	}
	return jsonLD(organizationLD(d.Page.Organization, d.Site.Config.BaseURL+d.Page.URL))
}

// TermURL is the address of a taxonomy term in the page's language.
func (d *pageData) TermURL(taxonomy, term string) string {
	return d.Site.langPrefix(d.Page.Lang) + "/" + taxonomy + "/" + termKey(term) + "/"
}

// Breadcrumbs lists the page's ancestors, home first.
func (d *pageData) Breadcrumbs() []*Page {
	var out []*Page
	for p := d.Page.Parent; p != nil; p = p.Parent {
		out = append([]*Page{p}, out...)
	}
	return out
}

// Pager is one page of a paginated list.
type Pager struct {
	Number, Total int
	URL           string // this page's address
	Pages         []*Page
	Prev, Next    string // addresses, "" at the ends
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 January 2006")
	},
	"isoDate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	},
	// isoTime is a full RFC 3339 time, for article:published_time.
	"isoTime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	},
	"ogLocale":  ogLocale,
	"humanSize": humanSize,
	"hoursText": func(s *hours.Schedule) []string {
		if s == nil {
			return nil
		}
		return s.Describe()
	},
	"zoneName": func(s *hours.Schedule) string {
		if s == nil || s.Zone == nil {
			return ""
		}
		return hours.ZoneName(s.Zone)
	},
	"phonesOf": func(o *directory.Organization, types ...string) []directory.Phone {
		if o == nil {
			return nil
		}
		var out []directory.Phone
		for _, p := range o.Phones {
			for _, t := range types {
				if p.Type == t {
					out = append(out, p)
				}
			}
		}
		return out
	},
	// languageName names a language code in the page's language.
	"languageName": func(code string) string { return directory.LanguageName(code, "en") },
	// orgLanguageNames lists the languages an organization's services
	// and phones are offered in.
	"orgLanguageNames": func(o *directory.Organization) []string { return nil },
	"fileType":         fileType,
	// scheduleJSON is a schedule for static/js/hours.js's open-now badge.
	"scheduleJSON": func(s *hours.Schedule) string {
		if s == nil {
			return ""
		}
		return s.BrowserJSON()
	},
	// dict builds a map from key, value pairs, to pass several values to a
	// template: {{template "x" (dict "Service" . "Data" $)}}.
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				m[k] = kv[i+1]
			}
		}
		return m
	},
	// dial is a phone's tel: or sms: link. html/template does not trust
	// those schemes, so the address is checked here: digits and a leading +.
	"dial": func(p directory.Phone) template.URL {
		if dialable.MatchString(p.Href()) {
			return template.URL(p.Href())
		}
		return "#"
	},
	"phoneLabel": func(typ string) string {
		switch typ {
		case "hotline", "voice":
			return "Call"
		case "text":
			return "Text"
		case "tty":
			return "TTY"
		case "fax":
			return "Fax"
		}
		return humanize(typ)
	},
	// displayURL shows a web address without its scheme and trailing slash.
	"displayURL": func(u string) string {
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		return strings.TrimSuffix(u, "/")
	},
	"humanize": humanize,
	// phoneText escapes plain text (a summary, a description) and keeps
	// each phone number in it on one line, as Markdown bodies are.
	"phoneText": func(s string) template.HTML {
		return template.HTML(searchdoc.NowrapPhones([]byte(template.HTMLEscapeString(s))))
	},
	// inSection reports whether the page at address page lies under the
	// menu entry section (not the home page, which every page is under):
	// the menu marks the current section, not only the current page.
	"inSection": func(page, section string) bool {
		return section != "/" && strings.HasSuffix(section, "/") && strings.HasPrefix(page, section)
	},
	"first": func(n int, ps []*Page) []*Page {
		if len(ps) > n {
			return ps[:n]
		}
		return ps
	},
	"regular": func(ps []*Page) []*Page {
		var out []*Page
		for _, p := range ps {
			if p.Kind == KindPage {
				out = append(out, p)
			}
		}
		return out
	},
}

func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}

// execute renders p with its layout into a buffer.
func (t *templates) execute(buf *bytes.Buffer, d *pageData) (string, error) {
	tmpl, name, err := t.lookup(d.Page)
	if err != nil {
		return name, err
	}
	d.set = tmpl
	return name, tmpl.ExecuteTemplate(buf, "layouts/base.html", d)
}

// Card is the card of one member of a list, an organization or a page:
// the template name of the page's layout, run with dot holding .Org (an
// organization) or .Page (what a list shows of a page: see pageCard), and
// .D, the page's language (.D.T, .D.Local, .D.OrigLang, .D.OrgURL, as on
// dot). A card sees nothing else of the page or the site, so what it
// shows depends on the member, the language and the layout alone: each is
// rendered once and reused by every list that shows it (a section and its
// terms, the directory and its filtered pages), and, in a Session, by the
// lists rendered again after an edit of another member.
func (d *pageData) Card(name string, member any) (template.HTML, error) {
	t := d.tmpl
	if d.set == nil {
		return "", fmt.Errorf("card %q: not on a page", name)
	}
	key := cardKey{set: d.set, name: name}
	switch m := member.(type) {
	case *directory.Organization:
		key.org = m
	case *Page:
		key.page = cardOf(m)
	}
	if key.org == nil && key.page.URL == "" {
		return "", fmt.Errorf("card %q: %T is not an organization or a page", name, member)
	}
	t.cardMu.Lock()
	html, ok := t.cards[key]
	t.cardMu.Unlock()
	if ok {
		return html, nil
	}
	dot := cardData{Org: key.org, D: &cardLang{d: &pageData{Site: d.Site, Page: &Page{Lang: d.Page.Lang}, tmpl: t}}}
	if key.org == nil {
		c := key.page
		dot.Page = &c
	}
	var b bytes.Buffer
	if err := d.set.ExecuteTemplate(&b, name, dot); err != nil {
		return "", err
	}
	html = template.HTML(b.String())
	t.cardMu.Lock()
	if t.cards == nil {
		t.cards = map[cardKey]template.HTML{}
	}
	if _, twice := t.cards[key]; !twice { // two files may render one at once
		t.cards[key] = html
		t.cardRuns++
	}
	t.cardMu.Unlock()
	return html, nil
}

// pageCard is what a card shows of a page (.Page in a card): comparable,
// so that a card is looked up by the values it shows.
type pageCard struct {
	Kind, URL, Lang, Section    string
	Title, Description, Summary string
	Date, Lastmod               time.Time
	Weight                      int
}

func cardOf(p *Page) pageCard {
	c := pageCard{Kind: p.Kind, URL: p.URL, Lang: p.Lang, Section: p.Section, Title: p.Title, Description: p.Description,
		Date: p.Date, Lastmod: p.Lastmod, Weight: p.Weight}
	if p.Rendered != nil {
		c.Summary = p.Summary
	}
	return c
}

// Updated is the last-modified date, or the date.
func (c *pageCard) Updated() time.Time {
	if !c.Lastmod.IsZero() {
		return c.Lastmod
	}
	return c.Date
}

// cardsRendered counts the cards rendered so far.
func (t *templates) cardsRendered() int {
	t.cardMu.Lock()
	defer t.cardMu.Unlock()
	return t.cardRuns
}

// cardData is dot in a card (see pageData.Card).
type cardData struct {
	Org  *directory.Organization
	Page *pageCard
	D    *cardLang
}

// cardLang is what a card has of its page: the page's language. Its
// methods are pageData's of the same name.
type cardLang struct{ d *pageData }

func (c *cardLang) T(key string) string                     { return c.d.T(key) }
func (c *cardLang) Local(v any, field string) LocalText     { return c.d.Local(v, field) }
func (c *cardLang) OrigLang() string                        { return c.d.OrigLang() }
func (c *cardLang) OrgURL(o *directory.Organization) string { return c.d.OrgURL(o) }
