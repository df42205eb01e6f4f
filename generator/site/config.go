package site

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"resourcelib/generator/diag"
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
	Copyright    string         `yaml:"copyright"`
	Menu         []MenuItem     `yaml:"menu"`
	PageSize     int            `yaml:"page_size"` // pages per list page
	Params       map[string]any `yaml:",inline"`
	Pos          diag.Positions
}

// Language is one language the site is written in. The default language's
// pages live at the root; every other language's under /CODE/.
type Language struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
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
	if c.QuickExitURL == "" {
		c.QuickExitURL = "https://www.weather.gov/"
	}
	if len(c.Languages) == 0 {
		c.Languages = []Language{{Code: c.Language, Name: languageName(c.Language)}}
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
	for _, m := range c.Menu {
		if m.URL == "" || m.Name == "" {
			at := c.Pos.Of("menu")
			l.Errorf(configFile, at.Line, at.Col, "every menu item needs a `name` and a `url`")
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

func languageName(code string) string {
	switch code {
	case "en":
		return "English"
	case "es":
		return "Español"
	}
	return code
}
