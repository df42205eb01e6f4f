package site

import (
	"cmp"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// maxFileSize is the largest content file read. A larger one is an error
// naming it, not a build that runs out of memory.
const maxFileSize = 8 << 20

// Site is everything loaded from a source tree, ready to render.
type Site struct {
	Config        Config
	Pages         []*Page // every page, sorted by URL
	Organizations []*directory.Organization
	Hotline       *directory.Organization
	Taxonomies    map[string][]*Term // tags, topics, audience: terms sorted by name

	byURL  map[string]*Page
	byFile map[string]*Page
	files  []copyFile // files copied as they are
	redirs []redirect
	inc    include
	assets map[string]string // static CSS and JS file -> short content hash

	byName *pageNames // file name -> pages, for ref shortcodes; shared by the language views

	// Language is the language of this view of the site (see view), or the
	// zero Language for the site itself.
	Language Language
	views    map[string]*Site

	sourceFiles int               // content files found
	failed      map[string]bool   // files that did not load, and the addresses they would have had
	leftOut     map[string]string // address -> why its page is not built (draft, future, expired)
	hidden      map[string]*Page  // file -> those pages, so that a ref to one names it

	// reads, in a page's own view in a Session, records what its layout
	// asks (see pageData).
	reads *siteReads

	// secrets are the addresses of the confidential locations, looked
	// for in every file (nil when there is none). Unexported, so that no
	// layout can reach them.
	secrets *directory.Secrets
}

type copyFile struct{ src, dst string }

// redirect is one line of _redirects: an alias of a page.
type redirect struct {
	from, to string
	page     *Page
	alias    int // the index of the alias in page.Aliases
}

// taxonomies lists the front matter keys that group pages into terms.
var taxonomies = []string{"tags", "topics", "audience"}

// include says which pages that are not public (yet, or any more) a build
// takes in, as Hugo's -D, -F and -E flags do.
type include struct {
	drafts, future, expired bool
	now                     time.Time // the build's clock
}

// leftOut says why a page with these dates is not built: it is a draft,
// its publishdate (or date) is after now, or its expirydate is not; "" if
// it is built. The reason is the hint for a link to it.
func (inc include) leftOut(draft bool, date, publish, expiry time.Time) string {
	if publish.IsZero() {
		publish = date
	}
	switch {
	case draft && !inc.drafts:
		return "it is a draft; -drafts takes it in"
	case !inc.future && publish.After(inc.now):
		return "its publishdate (or date) is still to come; -future takes it in"
	case !inc.expired && !expiry.IsZero() && !expiry.After(inc.now):
		return "its expirydate has passed; -expired takes it in"
	}
	return ""
}

// load reads the source tree and assembles the site. It adds every
// problem found to l and returns the site even when there are errors, so
// that all of them are reported.
func load(src fs.FS, inc include, l *diag.List) *Site {
	return readSource(src, inc, l).assemble(l)
}

// source is what loading produces: each file read, parsed and checked on
// its own. Nothing in it is changed afterwards: assemble copies the pages
// it links into lists, so that a Session can replace one file's value and
// assemble again (see Session).
type source struct {
	fsys    fs.FS
	inc     include
	config  Config
	cfg     []byte // site.yaml as read, for the confidential check
	md      []string
	pages   []*Page // the pages of md, nil where a file did not load
	orgs    []*directory.Organization
	others  []string        // files published as they are (or attached to a bundle)
	bundles map[string]bool // folders holding index.md
	files   int             // content files found
	secrets *directory.Secrets
	// order is the indexes of the pages that loaded, in the order of
	// sortPages, and rank each one's place in it plus 1 (0 for a file that
	// did not load): sorted once, and kept by a Session, which moves the
	// page an edit changed (see reorder).
	order, rank []int
}

// readSource reads every file of the source tree.
func readSource(src fs.FS, inc include, l *diag.List) *source {
	ld := &source{fsys: src, inc: inc, bundles: map[string]bool{}}
	cfg, err := fs.ReadFile(src, configFile)
	if err != nil && !isNotExist(err) {
		l.Errorf(configFile, 0, 0, "cannot read: %v", err)
	}
	ld.cfg = cfg
	ld.config = loadConfig(cfg, l)
	s := &Site{Config: ld.config} // what readPage needs: the languages, and the secrets below

	var orgFiles []string
	walkContent(src, l, func(p string) {
		name := path.Base(p)
		ld.files++
		switch {
		case p == configFile:
		case strings.HasSuffix(name, ".md"):
			ld.md = append(ld.md, p)
			if _, rel, _ := s.fileLanguage(p); path.Base(rel) == "index.md" {
				ld.bundles[path.Dir(p)] = true
			}
		case isOrgFile(p):
			orgFiles = append(orgFiles, p)
		default:
			ld.others = append(ld.others, p)
		}
	})
	if len(ld.md) == 0 && len(orgFiles) == 0 {
		l.Add(diag.Problem{File: "content", Msg: "no Markdown files found",
			Hint: "run the command in the folder that holds content/, or pass -source DIR"})
	}

	// Organizations first: the addresses of their confidential locations
	// are looked for in every page (see checkConfidential).
	ld.orgs = loadOrganizations(src, orgFiles, l)
	s.checkConfidential(src, ld.orgs, cfg, ld.others, l)
	ld.secrets = s.secrets

	// Parse pages in parallel; reading and decoding is most of load's time.
	ld.pages = make([]*Page, len(ld.md))
	parallel(len(ld.md), func(i int) {
		ld.pages[i] = s.readPage(src, ld.md[i], ld.bundles, l)
	})
	for i, p := range ld.pages {
		if p != nil {
			ld.order = append(ld.order, i)
		}
	}
	slices.SortFunc(ld.order, func(i, j int) int { return comparePages(ld.pages[i], ld.pages[j]) })
	ld.ranks()
	return ld
}

// ranks sets rank from order.
func (ld *source) ranks() {
	ld.rank = make([]int, len(ld.pages))
	for n, i := range ld.order {
		ld.rank[i] = n + 1
	}
}

// reorder moves page i, whose loaded value changed, to its place in
// order: the others keep theirs, so nothing else is compared. It makes new
// slices, which the source's copies own.
func (ld *source) reorder(i int) {
	order := slices.Clone(ld.order)
	if n := ld.rank[i]; n > 0 {
		order = slices.Delete(order, n-1, n)
	}
	if p := ld.pages[i]; p != nil {
		at, _ := slices.BinarySearchFunc(order, p, func(j int, p *Page) int { return comparePages(ld.pages[j], p) })
		order = slices.Insert(order, at, i)
	}
	ld.order = order
	ld.ranks()
}

// assemble makes the site of what was read: which pages are built, the
// sections, organization pages, terms and redirects, and each page's
// translations. Every page it holds is a copy of the loaded one, so
// assembling again starts from the same values.
func (ld *source) assemble(l *diag.List) *Site {
	inc := ld.inc
	s := &Site{byURL: map[string]*Page{}, byFile: map[string]*Page{}, inc: inc, byName: &pageNames{},
		Taxonomies: map[string][]*Term{}, Config: ld.config, sourceFiles: ld.files, secrets: ld.secrets}
	s.failed, s.leftOut, s.hidden = map[string]bool{}, map[string]string{}, map[string]*Page{}
	for i, loaded := range ld.pages {
		if loaded == nil {
			// Links to it are not reported as broken: its own error is.
			s.failed[ld.md[i]] = true
			s.failed[fileAddress(ld.md[i])] = true
			continue
		}
		p := new(Page)
		*p = *loaded
		p.loaded = loaded
		if len(ld.rank) == len(ld.pages) {
			p.rank = ld.rank[i]
		}
		if why := inc.leftOut(p.Draft, p.Date, p.PublishDate, p.ExpiryDate); why != "" {
			s.leftOut[p.URL] = why
			s.hidden[p.File] = p
			continue
		}
		s.add(p, l)
	}
	for _, o := range ld.orgs {
		if o.Draft && !inc.drafts {
			s.leftOut["/organizations/"+o.ID+"/"] = "it is a draft; -drafts takes it in"
			continue
		}
		o.CheckPublishable(l)
		s.Organizations = append(s.Organizations, o)
	}
	for _, o := range s.Organizations {
		if o.ID == s.Config.Hotline {
			s.Hotline = o
		}
	}
	if s.Config.Hotline != "" && s.Hotline == nil {
		at := s.Config.Pos.Of("hotline")
		l.Add(diag.Problem{File: configFile, Line: at.Line, Col: at.Col,
			Msg:  fmt.Sprintf("hotline %q is not an organization", s.Config.Hotline),
			Hint: fmt.Sprintf("create content/organizations/%s.yaml, or name an existing file's id", s.Config.Hotline)})
	}

	for _, f := range ld.others {
		dir := path.Dir(f)
		if owner := bundleOf(dir, ld.bundles); owner != "" {
			for _, p := range s.Pages { // the bundle's page in each language
				if p.bundle == owner {
					p.Attachments = append(p.Attachments, s.attachment(ld.fsys, f, owner, p))
				}
			}
			continue
		}
		s.files = append(s.files, copyFile{src: f, dst: strings.TrimPrefix(f, "content/")})
	}
	s.buildSections(l)
	s.buildOrganizations(l)
	s.buildTaxonomies(l)
	s.buildRedirects(l)
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
	s.linkTranslations(l)
	return s
}

// LoadOrganizations reads the organization files of a site as Build does
// (content/organizations/*.yaml and content/LANG/organizations/*.yaml, with
// the same limits and checks, drafts left out), without its pages, sorted
// by name. problems
// holds every problem found in them, errors and warnings.
func LoadOrganizations(src fs.FS) (orgs []*directory.Organization, problems []diag.Problem) {
	l := &diag.List{}
	var files []string
	walkContent(src, l, func(p string) {
		if isOrgFile(p) {
			files = append(files, p)
		}
	})
	// As in a build: drafts are left out, what is published must not
	// hold placeholder text, and no value may repeat a confidential
	// address.
	loaded := loadOrganizations(src, files, l)
	directory.CheckConfidential(loaded, l)
	for _, o := range loaded {
		if !o.Draft {
			o.CheckPublishable(l)
			orgs = append(orgs, o)
		}
	}
	for _, p := range l.Sorted() {
		if p.File == "content" || isOrgFile(p.File) {
			problems = append(problems, p)
		}
	}
	return orgs, problems
}

// walkContent calls visit with every file of content/ that a build reads:
// hidden files and folders are left out, and symbolic links reported, not
// followed.
func walkContent(src fs.FS, l *diag.List, visit func(p string)) {
	err := fs.WalkDir(src, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" {
				l.Errorf("content", 0, 0, "cannot read the content folder: %v", err)
				return fs.SkipAll
			}
			l.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		if p != "content" && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			l.Add(symlinkProblem(src, p))
			return nil
		}
		if !d.IsDir() {
			visit(p)
		}
		return nil
	})
	if err != nil {
		l.Errorf("content", 0, 0, "cannot read the content folder: %v", err)
	}
}

// loadOrganizations reads organization files in parallel and returns those
// that loaded, sorted by name.
func loadOrganizations(src fs.FS, files []string, l *diag.List) []*directory.Organization {
	loaded := make([]*directory.Organization, len(files))
	parallel(len(files), func(i int) {
		data, ok := readLimited(src, files[i], l)
		if ok {
			loaded[i] = directory.Load(files[i], data, l)
		}
	})
	var orgs []*directory.Organization
	for _, o := range loaded {
		if o != nil {
			orgs = append(orgs, o)
		}
	}
	sortOrganizations(orgs)
	return orgs
}

// sortOrganizations orders organizations by name.
func sortOrganizations(orgs []*directory.Organization) {
	slices.SortFunc(orgs, func(a, b *directory.Organization) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	})
}

// SearchURL is the address of the search page for a language.
func (s *Site) SearchURL(lang string) string { return s.langPrefix(lang) + "/search" }

// Section returns the list page at a site address ("/materials/"), or nil.
// In a language's view, the language's own section comes first:
// .Site.Section "/materials/" on a Spanish page is /es/materials/.
func (s *Site) Section(url string) *Page {
	if s.reads != nil {
		s.reads.sections = append(s.reads.sections, url)
	}
	return s.section(url)
}

func (s *Site) section(url string) *Page {
	if p := s.byURL[s.LangURL(url)]; p != nil && p.IsList() {
		return p
	}
	if p := s.byURL[url]; p != nil && p.IsList() {
		return p
	}
	return nil
}

func isOrgFile(p string) bool {
	if !strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml") {
		return false
	}
	dir := path.Dir(p)
	return dir == "content/organizations" || strings.HasSuffix(dir, "/organizations") && strings.Count(dir, "/") == 2
}

// bundleOf returns the page-bundle folder that contains dir, or "".
func bundleOf(dir string, bundles map[string]bool) string {
	for d := dir; d != "content" && d != "." && d != "/"; d = path.Dir(d) {
		if bundles[d] {
			return d
		}
	}
	return ""
}

func readLimited(src fs.FS, file string, l *diag.List) ([]byte, bool) {
	if st, err := fs.Stat(src, file); err == nil && st.Size() > maxFileSize {
		l.Add(diag.Problem{File: file, Msg: fmt.Sprintf("the file is %d MB, over the limit of %d MB", st.Size()>>20, maxFileSize>>20),
			Hint: "split it into several pages, or attach large documents to a page bundle"})
		return nil, false
	}
	data, err := fs.ReadFile(src, file)
	if err != nil {
		l.Errorf(file, 0, 0, "cannot read: %v", err)
		return nil, false
	}
	return data, true
}

// readPage reads one Markdown file into a page. It returns nil after
// reporting a problem that leaves nothing to build.
func (s *Site) readPage(src fs.FS, file string, bundles map[string]bool, l *diag.List) *Page {
	data, ok := readLimited(src, file, l)
	if !ok {
		return nil
	}
	s.secrets.CheckName(file, l)
	leaks := s.secrets.CheckText(file, data, l)
	m, body, ok := parseFrontMatter(file, data, l)
	if !ok && m.Pos.At.Line == 0 {
		return nil // no front matter could be read: nothing more to check
	}
	// A bad value (a date, a number) has been reported and left unset; the
	// page is still read, so that its other problems (broken links) are
	// reported in the same pass, as the README promises. The errors already
	// stop the build from writing anything.
	leaked := s.checkFrontMatter(file, m, leaks, l)
	p := &Page{leaked: leaked,
		Kind: KindPage, File: file, body: body,
		// Titles are plain text; an entity such as &#8220; in one means
		// the character, as it would in Markdown.
		Title: html.UnescapeString(m.Title), Description: html.UnescapeString(m.Description), Date: m.Date, Lastmod: m.Lastmod,
		PublishDate: m.PublishDate, ExpiryDate: m.ExpiryDate, Draft: m.Draft, Weight: m.Weight, Aliases: m.Aliases,
		Tags: m.Tags, Topics: m.Topics, Audience: m.Audience,
		Layout: m.Layout, Type: m.Type, Params: m.Params, pos: m.Pos,
	}
	lang, rel, problem := s.fileLanguage(file)
	if problem != "" {
		l.Add(diag.Problem{File: file, Msg: problem,
			Hint: "put the page in its language's folder (content/es/...) or name it page.es.md, not both with two languages"})
		return nil
	}
	if m.Language != "" && m.Language != lang && s.hasLanguage(m.Language) {
		lang = m.Language // front matter moves the page to a language of the site
	}
	p.Lang = lang
	if m.Language != "" && !s.hasLanguage(m.Language) {
		p.Lang = m.Language // a page in another language, kept where it is
	}
	p.TranslationKey = strings.TrimSpace(m.TranslationKey)
	p.langRel = rel
	prefix := s.langPrefix(lang)
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	switch {
	case name == "_index.md":
		p.Kind = KindSection
		if dir == "" {
			p.Kind = KindHome // a language's home: content/es/_index.md
		}
	case name == "index.md" && dir != "":
		p.isBundle = true
		p.bundle = path.Dir(file)
		dir, name = path.Split(dir)
		dir = strings.TrimSuffix(dir, "/")
	default:
		name = strings.TrimSuffix(name, ".md")
	}
	// The URL follows the file's path; slug replaces the last segment.
	if p.Kind == KindPage {
		p.fileURL = norm.NFC.String(prefix + "/" + path.Join(dir, urlize(name)) + "/")
		if m.Slug != "" {
			slug, problem := cleanSlug(m.Slug)
			if problem != "" {
				at := m.Pos.Of("slug")
				l.Add(diag.Problem{File: file, Line: at.Line, Col: at.Col, Msg: problem,
					Hint: "a slug is the last part of the page's address, such as `recognizing-signs`"})
				return nil
			}
			if problem, hint := slugWarning(m.Slug); problem != "" {
				at := m.Pos.Of("slug")
				l.Add(diag.Problem{File: file, Line: at.Line, Col: at.Col, Severity: diag.Warning, Msg: problem, Hint: hint})
			}
			name = slug
		}
		p.URL = prefix + "/" + path.Join(dir, urlize(name)) + "/"
	} else {
		p.URL = prefix + "/" + dir + "/"
		if dir == "" {
			p.URL = prefix + "/"
		}
	}
	if m.URL != "" {
		u, problem := cleanURL(m.URL)
		if problem != "" {
			at := m.Pos.Of("url")
			l.Add(diag.Problem{File: file, Line: at.Line, Col: at.Col, Msg: problem, Hint: "write a site path such as /about/team/"})
			return nil
		}
		if problem := checkAddress(u); problem != "" {
			at := m.Pos.Of("url")
			l.Add(diag.Problem{File: file, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf("`url` %q %s", m.URL, problem),
				Hint: "write a site path such as /about/team/"})
			return nil
		}
		p.URL = u
	} else if problem := checkAddress(p.URL); problem != "" {
		at := m.Pos.Of("slug")
		if m.Slug == "" {
			at = diag.Pos{} // the file's (or its folder's) name
		}
		l.Add(diag.Problem{File: file, Line: at.Line, Col: at.Col, Msg: "the page's address " + p.URL + " " + problem,
			Hint: "rename the file, or give it another `slug`"})
		return nil
	}
	p.URL = norm.NFC.String(p.URL)
	if p.fileURL == "" {
		p.fileURL = p.URL
	}
	p.Section = s.sectionOf(p.URL)
	if p.Title == "" {
		p.Title = titleFromName(name)
		if p.Kind == KindHome {
			p.Title = s.Config.Title
		}
	}
	p.sortTitle = strings.ToLower(p.Title)
	return p
}

func (s *Site) isOtherLanguage(code string) bool {
	return code != s.Config.Language && s.hasLanguage(code)
}

func (s *Site) hasLanguage(code string) bool {
	for _, lang := range s.Config.Languages {
		if lang.Code == code {
			return true
		}
	}
	return false
}

// fileLanguage finds a Markdown file's language, from its folder
// (content/es/...) or from a suffix before .md (page.es.md), and its path
// relative to that language's root with the suffix removed:
// content/es/materials/call.md and content/materials/call.es.md are both
// ("es", "materials/call.md"). A file with neither is in the default
// language.
func (s *Site) fileLanguage(file string) (lang, rel, problem string) {
	lang, rel = s.Config.Language, strings.TrimPrefix(file, "content/")
	if first, rest, ok := strings.Cut(rel, "/"); ok && s.isOtherLanguage(first) {
		lang, rel = first, rest
	}
	dir, name := path.Split(rel)
	base := strings.TrimSuffix(name, ".md")
	if i := strings.LastIndexByte(base, '.'); i > 0 && s.hasLanguage(base[i+1:]) {
		suffix := base[i+1:]
		if lang != s.Config.Language && suffix != lang {
			return lang, rel, fmt.Sprintf("the file is in the %s folder but its name says %s", lang, suffix)
		}
		lang, rel = suffix, dir+base[:i]+".md"
	}
	return lang, rel, ""
}

// sectionOf is the first segment of an address after its language's
// prefix: "materials" for /es/materials/call/.
func (s *Site) sectionOf(u string) string {
	first, rest, _ := strings.Cut(strings.Trim(u, "/"), "/")
	if s.isOtherLanguage(first) {
		first, _, _ = strings.Cut(rest, "/")
	}
	return first
}

// add registers a page, reporting a second page at the same address.
func (s *Site) add(p *Page, l *diag.List) {
	if prev, dup := s.byURL[p.URL]; dup {
		switch {
		case prev.File == "" && p.File != "":
			// A content file takes over a generated page (a term's own
			// _index.md, say): keep the content, move the members over.
			p.Pages, p.Terms = prev.Pages, prev.Terms
			if p.Kind == KindSection || p.Kind == KindPage {
				p.Kind = prev.Kind
			}
			s.replace(prev, p)
			return
		case p.File == "":
			prev.Pages = append(prev.Pages, p.Pages...)
			prev.Terms = append(prev.Terms, p.Terms...)
			if prev.Kind == KindSection || prev.Kind == KindPage {
				prev.Kind = p.Kind
			}
			return
		}
		// Two files claim one address. Hugo would publish one and drop the
		// other without a word. Here the page whose address came from its
		// slug or url moves to the address of its file name, with a warning
		// naming both; only when that is taken too is it an error.
		for _, q := range []*Page{p, prev} {
			if q.fileURL == q.URL || s.byURL[q.fileURL] != nil {
				continue
			}
			other := prev
			if q == prev {
				other = p
			}
			l.Add(diag.Problem{File: q.File, Severity: diag.Warning,
				Msg:  fmt.Sprintf("this page's address %s is also claimed by %s, so this page is published at %s", q.URL, other.File, q.fileURL),
				Hint: "give one of them another `slug`"})
			if q == prev {
				delete(s.byURL, prev.URL)
				prev.URL = prev.fileURL
				s.byURL[prev.URL] = prev
				s.byURL[p.URL] = p
				s.byFile[p.File] = p
				s.Pages = append(s.Pages, p)
				return
			}
			p.URL = p.fileURL
			s.add(p, l)
			return
		}
		a, b := prev.File, p.File
		if b < a {
			a, b = b, a
		}
		hint := "give one of them another `slug`, or rename the file"
		if a != b && norm.NFC.String(a) == norm.NFC.String(b) {
			nfc, other := a, b
			if norm.NFC.String(a) != a {
				nfc, other = b, a
			}
			hint = fmt.Sprintf("the two file names look alike but spell an accented letter differently: %+q is in the Unicode form NFC, %+q in another; delete or rename one", nfc, other)
		}
		l.Add(diag.Problem{File: b, Msg: fmt.Sprintf("this page's address %s is already used by %s", p.URL, a),
			Hint: hint})
		return
	}
	s.byURL[p.URL] = p
	if p.File != "" {
		s.byFile[p.File] = p
	}
	s.Pages = append(s.Pages, p)
}

func (s *Site) replace(old, p *Page) {
	s.byURL[p.URL] = p
	s.byFile[p.File] = p
	for i, q := range s.Pages {
		if q == old {
			s.Pages[i] = p
		}
	}
	for _, q := range s.Pages {
		for i, m := range q.Pages {
			if m == old {
				q.Pages[i] = p
			}
		}
	}
}

// buildSections gives every folder with pages a list page in each
// language (its _index.md, or a generated one), gives every language a home
// page, and links pages to their section.
func (s *Site) buildSections(l *diag.List) {
	type folder struct{ lang, dir string } // dir relative to the language's root; "" for its home
	sectionOf := func(p *Page) (folder, bool) {
		if p.File == "" || p.langRel == "" {
			return folder{}, false
		}
		dir := path.Dir(p.langRel)
		if p.Kind != KindPage || p.isBundle {
			dir = path.Dir(dir)
		}
		return folder{s.siteLang(p), strings.TrimPrefix(dir, ".")}, true
	}
	sections := map[folder]*Page{}
	for _, p := range s.Pages {
		if (p.Kind == KindSection || p.Kind == KindHome) && p.langRel != "" {
			sections[folder{s.siteLang(p), strings.TrimPrefix(path.Dir(p.langRel), ".")}] = p
		}
	}
	var ensure func(f folder) *Page
	ensure = func(f folder) *Page {
		if sec, ok := sections[f]; ok {
			return sec
		}
		prefix := s.langPrefix(f.lang)
		sec := &Page{Kind: KindSection, URL: prefix + "/" + f.dir + "/", Lang: f.lang, Title: titleFromName(path.Base(f.dir))}
		if f.dir == "" {
			sec.Kind, sec.URL, sec.Title = KindHome, prefix+"/", s.Config.forLanguage(f.lang).Title
		}
		sec.URL = norm.NFC.String(sec.URL)
		sec.Section = s.sectionOf(sec.URL)
		sections[f] = sec
		s.add(sec, l)
		sec = s.byURL[sec.URL]
		sections[f] = sec
		if f.dir != "" && sec.Kind != KindHome {
			parent := ensure(folder{f.lang, strings.TrimPrefix(path.Dir(f.dir), ".")})
			sec.Parent = parent
			parent.Pages = append(parent.Pages, sec)
		}
		return sec
	}
	for _, lang := range s.Config.Languages {
		ensure(folder{lang.Code, ""})
	}
	for _, p := range slices.Clone(s.Pages) {
		if p.Kind == KindHome {
			continue
		}
		f, ok := sectionOf(p)
		if !ok {
			continue
		}
		parent := ensure(f)
		if parent == p {
			continue
		}
		if p.Parent == nil {
			p.Parent = parent
			parent.Pages = append(parent.Pages, p)
		}
	}
	for _, sec := range sections {
		sortPages(sec.Pages)
	}
}

// buildOrganizations gives each organization its page under
// /organizations/, in every language of the site: one file, one page per
// language (see Page.Local for the text of each).
func (s *Site) buildOrganizations(l *diag.List) {
	if len(s.Organizations) == 0 {
		return
	}
	for _, lang := range s.Config.Languages {
		prefix := s.langPrefix(lang.Code)
		list := s.byURL[prefix+"/organizations/"]
		if list == nil {
			list = &Page{Kind: KindSection, URL: prefix + "/organizations/", Section: "organizations", Lang: lang.Code, Title: "Organizations"}
			s.add(list, l)
			home := s.byURL[prefix+"/"]
			list.Parent = home
			home.Pages = append(home.Pages, list)
			sortPages(home.Pages)
		}
		list.Organizations = s.Organizations
		for _, o := range s.Organizations {
			desc, _ := localText(o.Description, o.Translations, "description", lang.Code, s.Config.Language)
			p := &Page{Kind: KindOrganization, URL: prefix + "/organizations/" + o.ID + "/", Section: "organizations",
				Lang: lang.Code, Title: o.Name, Description: desc, Organization: o,
				Lastmod: o.LastVerified, Parent: list, key: "organization:" + o.ID}
			if prev := s.byURL[p.URL]; prev != nil {
				if lang.Code == s.Config.Language {
					l.Add(diag.Problem{File: o.File, Msg: fmt.Sprintf("this organization's address %s is already used by %s", p.URL, prev.File),
						Hint: "rename one of the two files"})
				}
				continue
			}
			s.add(p, l)
		}
		s.buildDirectoryFilters(list, l)
	}
}

// buildTaxonomies groups regular pages by their tags, topics and audience.
// A term is a folder of the output, so it follows the rules of addresses.
func (s *Site) buildTaxonomies(l *diag.List) {
	terms := map[string]*Term{} // URL -> term
	// Most pages name a few terms that many others name too: each name's
	// key is made and checked once.
	type keyed struct{ key, problem string }
	keys := map[string]keyed{}
	type termName struct{ prefix, tax, name string }
	byName := map[termName]*Term{}
	for _, p := range s.Pages {
		if p.Kind != KindPage {
			continue
		}
		prefix := s.langPrefix(p.Lang)
		for _, tax := range taxonomies {
			for i, name := range p.terms(tax) {
				k, ok := keys[name]
				if !ok {
					k.key = termKey(name)
					k.problem = checkSegment(k.key)
					keys[name] = k
				}
				key := k.key
				if key == "" {
					continue
				}
				if problem := k.problem; problem != "" {
					at := p.pos.Of(fmt.Sprintf("%s[%d]", tax, i))
					l.Add(diag.Problem{File: p.File, Line: at.Line, Col: at.Col,
						Msg:  fmt.Sprintf("%s term %q would be the address %s/%s/%s/, which %s", tax, name, prefix, tax, key, problem),
						Hint: "a term is the last part of an address: use words, digits and hyphens"})
					continue
				}
				// The term of a name is found once per language and
				// taxonomy (the address made and looked up once).
				named := termName{prefix, tax, name}
				t := byName[named]
				if t == nil {
					u := prefix + "/" + tax + "/" + key + "/"
					if t = terms[u]; t == nil {
						t = &Term{Taxonomy: tax, Name: name, URL: u}
						terms[u] = t
						s.Taxonomies[tax] = append(s.Taxonomies[tax], t)
					}
					byName[named] = t
				}
				if len(t.Pages) == 0 || t.Pages[len(t.Pages)-1] != p {
					t.Pages = append(t.Pages, p)
				}
			}
		}
	}
	for _, tax := range taxonomies {
		list := s.Taxonomies[tax]
		slices.SortFunc(list, func(a, b *Term) int { return cmp.Compare(a.URL, b.URL) })
		byLang := map[string][]*Term{}
		for _, t := range list {
			sortPages(t.Pages)
			lang := t.Pages[0].Lang
			byLang[lang] = append(byLang[lang], t)
			tp := &Page{Kind: KindTerm, URL: t.URL, Section: tax, Lang: lang, Title: humanize(t.Name), Pages: t.Pages}
			s.addGenerated(tp)
		}
		for lang, ts := range byLang {
			tp := &Page{Kind: KindTaxonomy, URL: s.langPrefix(lang) + "/" + tax + "/", Section: tax, Lang: lang, Title: humanize(tax), Terms: ts,
				titleKey: "taxonomy_" + tax}
			s.addGenerated(tp)
		}
	}
}

// addGenerated adds a generated list page; where a content page already has
// its address, that page becomes the list (its text above the list).
func (s *Site) addGenerated(p *Page) {
	if prev := s.byURL[p.URL]; prev != nil {
		if p.Kind == KindTerm {
			prev.Pages = p.Pages
		} else {
			prev.Terms = p.Terms
		}
		prev.Kind = p.Kind
		return
	}
	s.byURL[p.URL] = p
	s.Pages = append(s.Pages, p)
}

// langPrefix is the start of a language's addresses: "" for the default
// language (and for a language the site does not list), "/es" for Spanish.
func (s *Site) langPrefix(lang string) string {
	if !s.isOtherLanguage(lang) {
		return ""
	}
	return "/" + lang
}

// siteLang is the site language a page belongs to: its own, or the
// default for a page in a language the site does not list.
func (s *Site) siteLang(p *Page) string {
	if s.hasLanguage(p.Lang) {
		return p.Lang
	}
	return s.Config.Language
}

func (p *Page) terms(tax string) []string {
	switch tax {
	case "tags":
		return p.Tags
	case "topics":
		return p.Topics
	case "audience":
		return p.Audience
	}
	return nil
}

// buildRedirects turns aliases into 301 redirects.
func (s *Site) buildRedirects(l *diag.List) {
	for _, p := range s.Pages {
		for i, a := range p.Aliases {
			at := p.pos.Of(fmt.Sprintf("aliases[%d]", i))
			from := a
			if !strings.HasPrefix(from, "/") {
				from = path.Join(path.Dir(strings.TrimSuffix(p.URL, "/")), from)
			}
			from = path.Clean(from)
			if strings.TrimSpace(a) == "" {
				l.Add(diag.Problem{File: p.File, Line: at.Line, Col: at.Col, Msg: "an alias is empty",
					Hint: "write an alias as a site path such as /old/address/, or remove it"})
				continue
			}
			// The server decodes escapes before it matches a redirect, so
			// they are checked decoded (%2e%2e is ..); the redirect keeps
			// the alias as written.
			dec, err := url.PathUnescape(a)
			if err != nil {
				l.Add(diag.Problem{File: p.File, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf("alias %q is not a usable address", a),
					Hint: "a % starts an escape of two hexadecimal digits, such as %20; write %25 for a % itself"})
				continue
			}
			if strings.ContainsAny(from, " \t\n\x00") || strings.Contains(dec, "..") || strings.ContainsRune(dec, 0) ||
				strings.Contains(a, "://") || strings.Contains(dec, `\`) {
				l.Add(diag.Problem{File: p.File, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf("alias %q is not a usable address", a),
					Hint: "write an alias as a site path such as /old/address/"})
				continue
			}
			if problem := checkAddress(from); problem != "" {
				l.Add(diag.Problem{File: p.File, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf("alias %q %s", a, problem),
					Hint: "write an alias as a site path such as /old/address/"})
				continue
			}
			if !strings.HasSuffix(from, "/") && path.Ext(from) == "" {
				from += "/"
			}
			if from == p.URL {
				continue
			}
			s.redirs = append(s.redirs, redirect{from: from, to: p.URL, page: p, alias: i})
		}
	}
	slices.SortStableFunc(s.redirs, func(a, b redirect) int { return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to)) })
	s.redirs = slices.CompactFunc(s.redirs, func(a, b redirect) bool { return a.from == b.from && a.to == b.to })
}

// sortPages orders list members: weighted pages first by weight, then newest
// first, then by title, then by address, so that the order never depends on
// the file system.
func sortPages(ps []*Page) { sortPagesBy(ps, nil) }

// sortPagesBy orders pages by first, then as sortPages does. The order is
// total (no two members of a list share an address), so an unstable sort
// gives the one order; each title is lower-cased once, not at every
// comparison.
func sortPagesBy(ps []*Page, first func(a, b *Page) int) {
	if first == nil && ranked(ps) {
		// The order of all content pages, made once (see source.order).
		slices.SortFunc(ps, func(a, b *Page) int { return cmp.Compare(a.rank, b.rank) })
		return
	}
	// The keys are copied beside each page, so that comparing two reads
	// no page: a list of 10,000 is compared about 140,000 times.
	ks := make([]pageKey, len(ps))
	for i, p := range ps {
		ks[i] = keyOf(p)
	}
	slices.SortFunc(ks, func(x, y pageKey) int {
		if first != nil {
			if c := first(x.p, y.p); c != 0 {
				return c
			}
		}
		return x.compare(y)
	})
	for i, k := range ks {
		ps[i] = k.p
	}
}

// ranked reports whether every page of ps has its rank, which orders
// it as its keys do: a content page at the address it was loaded with.
func ranked(ps []*Page) bool {
	for _, p := range ps {
		if p.rank == 0 || p.loaded == nil || p.URL != p.loaded.URL {
			return false
		}
	}
	return true
}

// pageKey is what sortPages orders a page by.
type pageKey struct {
	p          *Page
	weight     int
	date       time.Time
	title, url string
}

func keyOf(p *Page) pageKey {
	t := p.sortTitle
	if t == "" || p.loaded == nil {
		t = strings.ToLower(p.Title)
	}
	return pageKey{p, p.Weight, p.Date, t, p.URL}
}

func (x pageKey) compare(y pageKey) int {
	wa, wb := x.weight, y.weight
	if (wa == 0) != (wb == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(wa, wb); c != 0 {
		return c
	}
	if c := y.date.Compare(x.date); c != 0 {
		return c
	}
	if c := strings.Compare(x.title, y.title); c != 0 {
		return c
	}
	return strings.Compare(x.url, y.url)
}

// comparePages orders two pages as sortPages does.
func comparePages(a, b *Page) int { return keyOf(a).compare(keyOf(b)) }

// urlize makes a path segment from a name: spaces become hyphens and a
// term's letters are lower-cased ("Law Enforcement" -> law-enforcement).
func urlize(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte('-')
		case r == '/' || r == '?' || r == '#' || r == '%' || r == '\\' || unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// termKey is a term's URL segment: terms are case-insensitive, so "Safety"
// and "safety" are one term at /tags/safety/.
func termKey(name string) string { return strings.ToLower(urlize(name)) }

// cleanSlug checks a front matter slug. Slugs may hold folders
// ("guides/intro"); they may not climb out of their folder.
func cleanSlug(slug string) (string, string) {
	switch {
	case strings.ContainsRune(slug, 0):
		return "", "`slug` contains a NUL character"
	case strings.Contains(slug, ".."):
		return "", fmt.Sprintf("`slug` %q contains `..`", slug)
	case strings.Contains(slug, `\`):
		return "", fmt.Sprintf("`slug` %q contains a backslash", slug)
	}
	slug = strings.Trim(slug, "/ ")
	if slug == "" || slug == "." {
		return "", "`slug` is empty"
	}
	return slug, ""
}

// cleanURL checks a front matter url and returns the address it sets.
// Escapes are decoded first, as the server decodes them before it looks
// for the file: %2e%2e is .., and /caf%C3%A9/ is the folder /café/.
func cleanURL(u string) (string, string) {
	dec, err := url.PathUnescape(u)
	if err != nil || dec != u && strings.IndexFunc(dec, unicode.IsControl) >= 0 {
		return "", fmt.Sprintf("`url` %q is not a site path", u)
	}
	if strings.ContainsRune(dec, 0) || strings.Contains(dec, "..") || strings.Contains(dec, "://") || strings.Contains(dec, `\`) {
		return "", fmt.Sprintf("`url` %q is not a site path", u)
	}
	u = dec
	u = "/" + strings.Trim(path.Clean("/"+u), "/") + "/"
	if u == "//" {
		u = "/"
	}
	return u, ""
}

func titleFromName(name string) string {
	return humanize(strings.TrimSuffix(name, ".md"))
}

// humanize turns a file or term name into a title: "law-enforcement" ->
// "Law enforcement".
func humanize(s string) string {
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// parallel runs fn(0..n-1) on every core.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
