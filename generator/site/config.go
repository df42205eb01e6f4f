package site

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/text/language"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// configFile is the site settings file, relative to the source root.
const configFile = "content/site.yaml"

// Config is the site settings file, content/site.yaml.
type Config struct {
	Title        string         `yaml:"title"`
	Tagline      string         `yaml:"tagline"`
	Description  string         `yaml:"description"`
	BaseURL      string         `yaml:"base_url"`
	Language     string         `yaml:"language"`
	Languages    []Language     `yaml:"languages"`
	Hotline      string         `yaml:"hotline"`        // id of the featured hotline organization
	QuickExitURL string         `yaml:"quick_exit_url"` // neutral page the quick-exit control opens
	ReportEmail  string         `yaml:"report_email"`   // where "report a change" mails go
	Repository   string         `yaml:"repository"`     // the site's GitHub repository, owner/name, where the content manager commits
	Copyright    string         `yaml:"copyright"`
	Menu         []MenuItem     `yaml:"menu"`
	PageSize     int            `yaml:"page_size"` // pages per list page
	Params       map[string]any `yaml:",inline"`
	Pos          diag.Positions
}

// Language is one language the site is written in. The default language's
// pages live at the root; every other language's under /CODE/. Title,
// tagline, description, copyright and menu, when given, replace the site's
// own on that language's pages (in layouts, .Site.Config is the page
// language's).
type Language struct {
	Code        string     `yaml:"code"`
	Name        string     `yaml:"name"` // default: the language's own name ("Español")
	Title       string     `yaml:"title"`
	Tagline     string     `yaml:"tagline"`
	Description string     `yaml:"description"`
	Copyright   string     `yaml:"copyright"`
	Menu        []MenuItem `yaml:"menu"`
}

// MenuItem is one link of the main navigation.
type MenuItem struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

func loadConfig(data []byte, l *diag.List) Config {
	c := Config{}
	if data != nil {
		diag.DecodeYAML(configFile, 0, data, &c, l)
	}
	if c.Title == "" {
		c.Title = "Resource library"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if c.PageSize <= 0 {
		c.PageSize = 20
	}
	if c.QuickExitURL != "" {
		if msg, hint := checkQuickExit(c.QuickExitURL, c.BaseURL); msg != "" {
			at := c.Pos.Of("quick_exit_url")
			l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col, Msg: msg, Hint: hint})
			c.QuickExitURL = "" // never rendered, even by serve
		}
	}
	if c.QuickExitURL == "" {
		c.QuickExitURL = DefaultQuickExitURL
	}
	if len(c.Languages) == 0 {
		c.Languages = []Language{{Code: c.Language}}
	}
	at := c.Pos.Of("languages")
	seen := map[string]bool{}
	for i := range c.Languages {
		lg := &c.Languages[i]
		if !languageCode.MatchString(lg.Code) {
			l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col,
				Msg:  fmt.Sprintf("language code %q is not an ISO 639 code", lg.Code),
				Hint: "use a code such as en, es or pt-BR"})
		}
		if seen[lg.Code] {
			l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col,
				Msg: fmt.Sprintf("language %q is listed twice", lg.Code), Hint: "remove one of them"})
		}
		seen[lg.Code] = true
		if lg.Name == "" {
			lg.Name = directory.LanguageName(lg.Code, lg.Code)
		}
	}
	if c.Languages[0].Code != c.Language {
		if c.Pos.Keys["language"] != (diag.Pos{}) {
			l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col,
				Msg:  fmt.Sprintf("the first of `languages` is %q, but `language` is %q", c.Languages[0].Code, c.Language),
				Hint: "list the site's default language first"})
		}
		c.Language = c.Languages[0].Code
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			at := c.Pos.Of("base_url")
			l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col,
				Msg:  fmt.Sprintf("base_url %q is not an absolute web address", c.BaseURL),
				Hint: "write it as https://example.org/"})
		}
	}
	if c.Repository != "" && !IsRepository(c.Repository) {
		at := c.Pos.Of("repository")
		l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col,
			Msg:  fmt.Sprintf("repository %q is not a GitHub repository's owner/name", c.Repository),
			Hint: "write it as in github.com/OWNER/NAME, such as repository: my-coalition/library"})
	}
	menus := [][]MenuItem{c.Menu}
	for _, lg := range c.Languages {
		menus = append(menus, lg.Menu)
	}
	for i, menu := range menus {
		for _, m := range menu {
			if m.URL == "" || m.Name == "" {
				at := c.Pos.Of("menu")
				if i > 0 {
					at = c.Pos.Of("languages")
				}
				l.Errorf(configFile, at.Line, at.Col, "every menu item needs a `name` and a `url`")
			}
		}
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	return c
}

// ogLocale is a language code as Open Graph's og:locale wants it,
// language_TERRITORY: pt-BR is pt_BR, and a code without a territory gets
// its most likely one from Unicode's CLDR data (en is en_US, es is es_ES).
func ogLocale(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return strings.ReplaceAll(code, "-", "_")
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// languageCode is an ISO 639 code, optionally with a region (en, es, pt-BR).
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z]{2,4})?$`)

// forLanguage is the settings as a page in lang sees them: the language's
// own title, tagline, description, copyright and menu where it gives them.
func (c Config) forLanguage(lang string) Config {
	for _, lg := range c.Languages {
		if lg.Code != lang {
			continue
		}
		c.Title = cmp.Or(lg.Title, c.Title)
		c.Tagline = cmp.Or(lg.Tagline, c.Tagline)
		c.Description = cmp.Or(lg.Description, c.Description)
		c.Copyright = cmp.Or(lg.Copyright, c.Copyright)
		if lg.Menu != nil {
			c.Menu = lg.Menu
		}
	}
	return c
}

// DefaultQuickExitURL is where the quick exit goes when site.yaml names
// no page: a neutral site that loads fast.
const DefaultQuickExitURL = "https://www.weather.gov/"

// checkQuickExit checks the quick exit's address as an organization's
// website is checked, and more strictly: it must be an absolute https://
// address on another site than base, since a relative or malformed one
// would keep the visitor on the library (or do nothing), and a script
// address would run in it.
func checkQuickExit(exit, base string) (msg, hint string) {
	hint = "write a neutral page on another site in full, such as " + DefaultQuickExitURL
	u, err := url.Parse(exit)
	switch {
	case err != nil || strings.ContainsAny(exit, " \t\n\r\\<>\"'`") || u.Opaque != "":
		return fmt.Sprintf("quick_exit_url %q is not a web address", exit), hint
	case u.Scheme != "https":
		return fmt.Sprintf("quick_exit_url %q does not start with https://", exit), hint
	case u.Host == "" || u.User != nil || strings.HasPrefix(u.Hostname(), ".") || !strings.Contains(u.Hostname(), "."):
		return fmt.Sprintf("quick_exit_url %q has no usable host name", exit), hint
	}
	if b, err := url.Parse(base); err == nil && b.Host != "" && sameSite(b.Hostname(), u.Hostname()) {
		return fmt.Sprintf("quick_exit_url %q is on the library's own site (base_url %s)", exit, base),
			"the quick exit must leave the site: " + hint
	}
	return "", ""
}

// sameSite compares two host names, ignoring case and a leading www.
func sameSite(a, b string) bool {
	trim := func(h string) string { return strings.TrimPrefix(strings.ToLower(strings.TrimSuffix(h, ".")), "www.") }
	return trim(a) == trim(b)
}

// IsRepository reports whether r is a GitHub repository's owner/name, as
// the content manager's github backend wants it: an owner of letters,
// digits and inner hyphens, a name of letters, digits, '.', '-' and '_'.
func IsRepository(r string) bool {
	owner, name, ok := strings.Cut(r, "/")
	if !ok || owner == "" || len(owner) > 39 || name == "" || len(name) > 100 || name == "." || name == ".." {
		return false
	}
	if owner[0] == '-' || owner[len(owner)-1] == '-' {
		return false
	}
	for _, c := range owner {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	for _, c := range name {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// RepositoryFromURL is the owner/name of a GitHub repository's address,
// such as Netlify's REPOSITORY_URL (https://github.com/OWNER/NAME, with or
// without .git), or "" for any other address.
func RepositoryFromURL(u string) string {
	for _, prefix := range []string{"https://github.com/", "git@github.com:"} {
		if rest, ok := strings.CutPrefix(u, prefix); ok {
			rest = strings.TrimSuffix(strings.TrimSuffix(rest, "/"), ".git")
			if IsRepository(rest) {
				return rest
			}
		}
	}
	return ""
}
