package site

import (
	"html/template"
	"path"
	"strings"
	"time"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// Page kinds. A page's kind picks its layout (see the package doc).
const (
	KindHome         = "home"
	KindPage         = "page"
	KindSection      = "section"
	KindTaxonomy     = "taxonomy"
	KindTerm         = "term"
	KindOrganization = "organization"
	Kind404          = "404"
)

// Page is one HTML page of the output: a Markdown file, a section or term
// list, an organization, or the 404 page.
//
// A page is made in three stages, each adding its own values. Loading a
// file gives the first block below (kind, file, address, front matter),
// fixed from then on. Assembling the site gives the second: attachments,
// list members, parent, translations. Rendering gives *Rendered. A dev
// server's edit (see Session) loads the file again, assembles a new site of
// the loaded values and renders only the pages whose inputs changed,
// giving the others their previous Rendered: values are replaced, never
// patched.
type Page struct {
	Kind    string
	File    string // source path (content/materials/x.md); "" for generated pages
	URL     string // site-relative, with a trailing slash: /materials/x/
	Lang    string
	Section string // first path segment of URL ("materials"); "" for the home page

	Title       string
	Description string
	Date        time.Time
	Lastmod     time.Time
	PublishDate time.Time // not published before (unless -future)
	ExpiryDate  time.Time // not published from then on (unless -expired)
	Draft       bool
	Weight      int
	Tags        []string
	Topics      []string
	Audience    []string
	Aliases     []string
	Layout      string
	Type        string
	Params      map[string]any

	// Attachments are the files of a page bundle (handouts, images).
	Attachments []Attachment

	// Pages are a list page's members: a section's pages and subsections,
	// a term's pages. Sorted by weight, then newest first, then title.
	Pages []*Page
	// Terms are a taxonomy page's terms.
	Terms []*Term

	// Organization is set on organization pages.
	Organization *directory.Organization
	// Organizations is set on the directory's list page and its filtered
	// pages (/organizations/state/ca/).
	Organizations []*directory.Organization
	// Filters are the directory's filters, on those same pages.
	Filters []FilterGroup

	Parent *Page

	// TranslationKey is the front matter translation_key: pages with the
	// same key in different languages are translations of each other.
	TranslationKey string
	// Translations are the same page in the site's other languages, in the
	// order of site.yaml's `languages`.
	Translations []*Page

	// Rendered is set by rendering the page's Markdown, before any
	// layout runs.
	*Rendered

	loaded    *Page  // the page as loaded, which assemble copied this one from
	sortTitle string // the title lower-cased, for sortPages
	// rank is the place of the loaded page among all loaded pages in the
	// order of sortPages, plus 1 (0: none), set by assemble: lists of
	// content pages are sorted by it.
	rank     int
	body     []byte // Markdown with front matter blanked
	fileURL  string // the address the file's path gives, before slug and url
	bundle   string // source folder of a page bundle
	isBundle bool
	langRel  string // the file's path below its language's root, without a language suffix: materials/call.md
	key      string // what links translations: see linkTranslations
	// A generated page whose title is an interface string: titlePrefix
	// and the string titleKey in the page's language, set when rendering.
	titleKey, titlePrefix string
	pos                   diag.Positions // where each front matter key's value is
	leaked                bool           // repeats a confidential address (see checkConfidential)
}

// Rendered is what rendering a page produces.
type Rendered struct {
	// Content is the rendered body. It is set while the page is written and
	// dropped afterwards, so that a 50,000-page site is never held in memory.
	Content template.HTML
	// TOC lists the page's h2 and h3 headings.
	TOC []Heading
	// Summary is plain text: the description, or the start of the body.
	Summary string
	// WordCount is the number of words in the body.
	WordCount int

	links   []pageLink      // the Markdown's links and images, checked once every page is written
	ids     map[string]bool // the ids of the written HTML, for checking #anchors
	layout  string          // the layout file that rendered the page
	content [32]byte        // a hash of Content, for Session
	reads   *siteReads      // what the layout asked the site for (Session only)
	sums    *pageSums       // Session only
	// linkNames are what each link's address ends with (see linksTo),
	// made by a Session when it first needs them.
	linkNames []string
}

// siteReads are the calls a page's layout made to .Site, recorded for a
// Session, which renders the page again when their answers change.
type siteReads struct {
	sections, langURLs []string
}

// Heading is one entry of a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Attachment is a file of a page bundle.
type Attachment struct {
	Name string // file name
	URL  string
	Type string // human name of its type: "PDF document"
	Size int64
}

// Term is one value of a taxonomy (a tag, a topic, an audience).
type Term struct {
	Taxonomy string // tags, topics, audience
	Name     string // as written by the first page that used it
	URL      string
	Pages    []*Page
}

// IsList reports whether the page lists other pages.
func (p *Page) IsList() bool {
	switch p.Kind {
	case KindHome, KindSection, KindTaxonomy, KindTerm:
		return true
	}
	return false
}

// Updated is the last-modified date, or the date.
func (p *Page) Updated() time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	return p.Date
}

// Param returns a front matter key that Meta does not know, or nil.
func (p *Page) Param(key string) any { return p.Params[key] }

// outputPath is the file the page is written to, relative to the output root.
func (p *Page) outputPath() string {
	if p.Kind == Kind404 {
		return strings.TrimPrefix(p.URL, "/") // 404.html, es/404.html
	}
	return path.Join(strings.TrimPrefix(p.URL, "/"), "index.html")
}
