package site

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"

	"resourcelib/generator/diag"
	"resourcelib/generator/publish"
)

// Options configure a build.
type Options struct {
	// Source is the site: content/ and, optionally, layouts/ and static/.
	Source fs.FS
	// Theme supplies layouts/ and static/ files that Source does not have:
	// the bundled ones, embedded in the binary.
	Theme fs.FS
	// Out is the output folder. It is replaced only when the build succeeds,
	// together with the index's folder (see package publish).
	Out string
	// BaseURL overrides the site settings' base_url.
	BaseURL string
	// Repository overrides the site settings' repository (owner/name).
	Repository string
	// DefaultRepository is the repository (owner/name) when neither
	// Repository nor the site settings name one: the build command takes
	// it from Netlify's REPOSITORY_URL.
	DefaultRepository string
	// Drafts includes pages with `draft: true`.
	Drafts bool
	// Future includes pages whose publishdate (or date) is after Now;
	// Expired, pages whose expirydate is not after Now.
	Future, Expired bool
	// Now is the clock those dates are compared with: the time the build
	// starts if zero. Tests set it.
	Now time.Time
	// Index, if set, receives every searchable page and organization.
	Index Indexer
	// WarnLinks reports broken links and anchors as warnings, not errors:
	// for a site moved from elsewhere whose old links are being fixed.
	WarnLinks bool
	// Extra, if set, writes more files into the new output through write
	// (the HSDS export, hsds/...) before it replaces the old, so that they
	// are published with the pages or not at all. It is not called when
	// the content has errors.
	Extra func(s *Site, write func(name string, data []byte) error) error

	wrapOut func(outDir) outDir // tests: an output folder whose writes fail
}

// Result summarises a build.
type Result struct {
	Pages         int // HTML pages written
	Organizations int
	Files         int // other files written or copied
	Problems      []diag.Problem
	Duration      time.Duration
	SourceFiles   int // content files read (Markdown, YAML and others)
	// Repository is the repository the content manager saves to
	// (owner/name), "" when neither the options nor site.yaml name one.
	Repository string
}

// Build loads, validates and renders a site into opts.Out. The output is
// built in a new folder beside Out and swapped in, with the search index,
// only when every page was written, so a failed build leaves the previous
// output and index as they were. The returned error, if any, lists every
// problem (see diag.ListError); warnings are in Result.Problems either way.
func Build(opts Options) (Result, error) {
	res, _, err := run(opts, false, false)
	return res, err
}

// Check runs every check of Build, rendering every page and layout, but
// writes nothing: no output folder and no search index.
func Check(opts Options) (Result, error) {
	opts.Out, opts.Index = "", nil
	res, _, err := run(opts, true, false)
	return res, err
}

// build is a run whose writer outlives it, for a Session: it keeps what
// was read, and the pages' Markdown.
type build struct {
	src *source
	w   *writer
}

// run builds (or, dry, checks) a site. With session set it returns what
// a Session needs to update it later.
func run(opts Options, dry, session bool) (Result, *build, error) {
	start := time.Now()
	var res Result
	if opts.Index != nil {
		defer opts.Index.Abort() // nothing to do once finished
	}
	l := &diag.List{}
	fsys := overlay{opts.Source, opts.Theme}
	now := opts.Now
	if now.IsZero() {
		now = start
	}
	ld := readSource(opts.Source, include{drafts: opts.Drafts, future: opts.Future, expired: opts.Expired, now: now}, l)
	if opts.Repository != "" {
		ld.config.Repository = opts.Repository
	} else if ld.config.Repository == "" {
		ld.config.Repository = opts.DefaultRepository
	}
	res.Repository = ld.config.Repository
	if opts.BaseURL != "" {
		ld.config.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	}
	s := ld.assemble(l)
	loadErrs, _ := l.Count()
	tmpl := newTemplates(fsys, l)
	res.SourceFiles = s.sourceFiles
	if n, _ := l.Count(); n > loadErrs {
		// Broken layouts: rendering would only repeat their errors.
		res.Problems = l.Sorted()
		return res, nil, l.Err()
	}
	s.checkOutputs(fsys, opts.Source, opts.WarnLinks, l)
	// With errors in the content, the pages that loaded are still rendered
	// and their links checked, so that every problem is reported at once;
	// the output is then thrown away.

	w := &writer{site: s, tmpl: tmpl, l: l, index: opts.Index, written: map[string]bool{}, warnLinks: opts.WarnLinks,
		quiet: loadErrs > 0, keepBodies: session}
	var out *publish.Folder
	if !dry {
		var err error
		if out, err = publish.New(opts.Out); err != nil {
			return res, nil, err
		}
		defer out.Discard()
		root, err := os.OpenRoot(out.Dir)
		if err != nil {
			return res, nil, err
		}
		defer root.Close()
		w.root = root
		if opts.wrapOut != nil {
			w.root = opts.wrapOut(root)
		}
	}

	// The index is finished (its segments merged, which takes one core
	// for seconds at 10,000 pages) while the lists' layouts run, unless
	// the build has already failed. finishIndex waits for it.
	var finishIndex func() (*publish.Folder, error)
	if opts.Index != nil && !dry {
		w.indexed = func() {
			if l.Err() != nil || w.err != nil {
				return
			}
			var f *publish.Folder
			var err error
			done := make(chan struct{})
			go func() {
				defer close(done)
				f, err = opts.Index.Finish()
			}()
			finishIndex = func() (*publish.Folder, error) {
				<-done
				return f, err
			}
		}
		defer func() {
			if finishIndex != nil {
				if f, _ := finishIndex(); f != nil {
					f.Discard() // nothing to do once published
				}
			}
		}()
	}
	w.copyStatic(fsys)
	w.copyFiles(opts.Source)
	w.renderAll()
	w.writeSitemap()
	w.writeFeeds()
	w.writeRedirects()
	w.writeRobots()
	w.writeAdmin()
	if opts.Extra != nil && loadErrs == 0 {
		if err := opts.Extra(s, func(name string, data []byte) error {
			w.write(name, data)
			w.count(0, 1)
			return w.err
		}); err != nil {
			w.fail(err)
		}
	}
	w.checkLinks()
	res.Problems = l.Sorted()
	if err := l.Err(); err != nil {
		return res, nil, err
	}
	if w.err != nil {
		if !dry {
			return res, nil, fmt.Errorf("%s: %w; the previous output was left as it was", opts.Out, w.err)
		}
		return res, nil, w.err
	}
	if dry {
		res.Pages, res.Files, res.Organizations = w.pages, w.files, len(s.Organizations)
		res.Duration = time.Since(start)
		return res, nil, nil
	}
	// The site and its index are published as one unit: both or neither.
	unit := []*publish.Folder{out}
	if opts.Index != nil {
		if finishIndex == nil {
			finishIndex = opts.Index.Finish
		}
		ix, err := finishIndex()
		if err != nil {
			return res, nil, fmt.Errorf("cannot write the search index: %w; the previous output was left as it was", err)
		}
		if ix != nil {
			defer ix.Discard()
			unit = append(unit, ix)
		}
	}
	w.root.Close()
	if err := publish.Commit(unit...); err != nil {
		return res, nil, fmt.Errorf("%w; the previous output and search index were left as they were", err)
	}
	res.Pages = w.pages
	res.Files = w.files
	res.Organizations = len(s.Organizations)
	res.Duration = time.Since(start)
	if !session {
		return res, nil, nil
	}
	return res, &build{src: ld, w: w}, nil
}

// overlay reads from the site first and the bundled theme second. Only a
// file or folder the site does not have comes from the theme: one that the
// site has but cannot read is an error, not quietly replaced.
type overlay struct{ site, theme fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.site.Open(name)
	if err == nil || o.theme == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	return o.theme.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.site, name)
	if o.theme == nil || (errA != nil && !errors.Is(errA, fs.ErrNotExist)) {
		return a, errA
	}
	b, errB := fs.ReadDir(o.theme, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int { return cmp.Compare(x.Name(), y.Name()) })
	return out, nil
}

// outDir is the folder the writer writes into: an *os.Root, so nothing can
// be written outside it.
type outDir interface {
	MkdirAll(name string, perm fs.FileMode) error
	WriteFile(name string, data []byte, perm fs.FileMode) error
	OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error)
	Close() error
}

// writer writes the site into the new output folder. With no root (a
// check) it writes nothing, but notes every file it would write.
type writer struct {
	root  outDir
	site  *Site
	tmpl  *templates
	l     *diag.List
	index Indexer // nil when no search index is built
	pages int
	files int
	err   error
	mu    sync.Mutex

	written   map[string]bool // every file written, for checking links
	dirs      sync.Map        // folders of the output already made
	siblings  map[string][]string
	warnLinks bool
	quiet     bool // the content has errors: a layout's may be their consequence
	// keepBodies keeps each page's Markdown after rendering, for a
	// Session, which may render it again when a page it links to moves.
	keepBodies bool
	notFound   []*Page // the 404 page of each language
	// indexed, if set, is called once every document has been added to
	// the index, before the lists' layouts run.
	indexed func()
	// sitemapSum sums what the sitemap lists, once written: a Session's
	// next writer leaves a sitemap of the same sum as it is.
	sitemapSum, prevSitemap uint64
	// feedSums sums what each feed (by its folder) shows, once made: a
	// Session's next writer leaves a feed of the same sum as it is.
	feedSums map[string]uint64
	// sitemapEntries are the sitemap's entries by page address, once
	// made, which a Session's next writer encodes again only if changed.
	sitemapEntries map[string]sitemapEntry
}

func (w *writer) write(name string, data []byte) {
	name = strings.TrimPrefix(name, "/")
	w.note(name)
	if w.root == nil {
		return
	}
	if err := w.mkdir(path.Dir(name)); err != nil {
		w.fail(fmt.Errorf("cannot create %s: %w", path.Dir(name), err))
		return
	}
	if err := w.root.WriteFile(name, data, 0o644); err != nil {
		w.fail(fmt.Errorf("cannot write %s: %w", name, err))
	}
}

// mkdir makes a folder of the output and its parents, once: through
// os.Root, MkdirAll opens every folder of the path, and most pages share
// their parents (a third of a build's system time went there).
func (w *writer) mkdir(dir string) error {
	if dir == "." || dir == "" {
		return nil
	}
	if _, done := w.dirs.Load(dir); done {
		return nil
	}
	if err := w.root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

func (w *writer) addDocument(d Document) {
	if err := w.index.Add(d); err != nil {
		w.fail(fmt.Errorf("cannot index %s: %w", d.URL, err))
	}
}

// renderSearchPages renders the search results page of each language, with
// placeholders the search handler fills in, and hands it to the indexer.
func (w *writer) renderSearchPages(mw *markdownWorker) {
	pages := linked(w.site.Config.Languages, func(lang string) *Page {
		return &Page{Kind: KindSearch, URL: w.site.langPrefix(lang) + "/search/", Lang: lang,
			Title: SearchTitleToken, Section: "search", Rendered: &Rendered{}}
	})
	for i, lang := range w.site.Config.Languages {
		p := pages[i]
		d := w.data(p)
		d.Query = SearchQueryToken
		mw.buf.Reset()
		name, err := w.tmpl.execute(&mw.buf, d)
		if err != nil {
			pr := templateProblem(err, name)
			pr.Msg += " (while rendering the search page)"
			w.l.Add(pr)
			continue
		}
		if err := w.index.SearchPage(lang.Code, bytes.Clone(mw.buf.Bytes()), w.tmpl.strings(lang.Code)); err != nil {
			w.fail(fmt.Errorf("cannot write the search index: %w", err))
		}
	}
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

func (w *writer) count(pages, files int) {
	w.mu.Lock()
	w.pages += pages
	w.files += files
	w.mu.Unlock()
}

// copyStatic copies static/ and notes a hash of each CSS and JS file, so
// that layouts can link to /css/site.css?v=HASH (see pageData.Asset) and
// browsers may cache them for long without missing a change.
func (w *writer) copyStatic(fsys fs.FS) {
	w.site.assets = map[string]string{}
	files, unreadable := staticFiles(fsys)
	for _, e := range unreadable {
		w.l.Errorf(e.Path, 0, 0, "cannot read: %v", e.Err)
	}
	for _, p := range files {
		dst := strings.TrimPrefix(p, "static/")
		w.copyFile(fsys, p, dst)
		if ext := path.Ext(p); ext == ".css" || ext == ".js" {
			if data, err := fs.ReadFile(fsys, p); err == nil {
				sum := sha256.Sum256(data)
				w.site.assets["/"+dst] = hex.EncodeToString(sum[:5])
			}
		}
	}
}

func (w *writer) copyFiles(src fs.FS) {
	for _, f := range w.site.files {
		w.copyFile(src, f.src, f.dst)
	}
}

// note records a file of the output.
func (w *writer) note(name string) {
	w.mu.Lock()
	w.written[name] = true
	w.mu.Unlock()
}

func (w *writer) copyFile(fsys fs.FS, src, dst string) {
	w.note(dst)
	if w.root == nil {
		if _, err := fs.Stat(fsys, src); err != nil {
			w.l.Errorf(src, 0, 0, "cannot read: %v", err)
		} else {
			w.count(0, 1)
		}
		return
	}
	in, err := fsys.Open(src)
	if err != nil {
		w.l.Errorf(src, 0, 0, "cannot read: %v", err)
		return
	}
	defer in.Close()
	if err := w.mkdir(path.Dir(dst)); err != nil {
		w.fail(err)
		return
	}
	out, err := w.root.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		w.fail(fmt.Errorf("cannot write %s: %w", dst, err))
		return
	}
	if _, err := io.Copy(out, in); err != nil {
		w.fail(fmt.Errorf("cannot write %s: %w", dst, err))
	}
	if err := out.Close(); err != nil {
		w.fail(err)
	}
	w.count(0, 1)
}

// renderAll renders single pages first (in parallel), then the lists that
// show their summaries.
func (w *writer) renderAll() {
	w.localTitles()
	var singles, lists []*Page
	for _, p := range w.site.Pages {
		if p.IsList() {
			lists = append(lists, p)
		} else {
			singles = append(singles, p)
		}
	}
	w.renderEach(singles, true)
	// A list shows its members' summaries, and lists list lists (the home
	// page shows /materials/): every list's own Markdown is rendered before
	// any list's layout runs.
	w.renderEach(lists, false)
	// Every document of the index has been added: the index can be
	// finished while the lists' layouts run.
	if w.index != nil {
		w.renderSearchPages(&markdownWorker{md: newMarkdown()})
		if w.indexed != nil {
			w.indexed()
		}
	}
	w.renderEach(lists, true)
	w.notFound = linked(w.site.Config.Languages, func(lang string) *Page {
		return &Page{Kind: Kind404, URL: w.site.langPrefix(lang) + "/404.html", Lang: lang, Title: w.tmpl.T(lang, "not_found_title")}
	})
	w.renderEach(w.notFound, true)
}

// localTitles makes the language views and gives generated pages their
// titles in their language.
func (w *writer) localTitles() {
	w.site.makeViews()
	for _, p := range w.site.Pages {
		if t := w.tmpl.T(p.Lang, p.titleKey); p.titleKey != "" && p.File == "" && t != p.titleKey {
			p.Title = p.titlePrefix + t // else the English title it has
		}
	}
}

// renderEach renders pages in parallel: their Markdown (once), and, if
// execute is set, their layouts into files.
func (w *writer) renderEach(pages []*Page, execute bool) {
	workers := make(chan *markdownWorker, 64)
	parallel(len(pages), func(i int) {
		var mw *markdownWorker
		select {
		case mw = <-workers:
		default:
			mw = &markdownWorker{md: newMarkdown()}
		}
		w.prepare(mw, pages[i])
		if execute {
			w.renderPage(mw, pages[i])
		}
		select {
		case workers <- mw:
		default:
		}
	})
}

type markdownWorker struct {
	md  goldmark.Markdown
	buf bytes.Buffer
}

// prepare renders a page's Markdown and hands it to the index. It does
// nothing the second time.
func (w *writer) prepare(mw *markdownWorker, p *Page) {
	if p.Rendered != nil {
		return
	}
	r := &Rendered{}
	p.Rendered = r
	if p.body != nil {
		md, ok := w.renderBudgeted(mw, p)
		if !w.keepBodies {
			// The loaded page shares the Markdown: both let go of it, or
			// every page's Markdown (about 50 MB at 10,000 pages) stays
			// in memory to the end of the build.
			defer func() {
				p.body = nil
				if p.loaded != nil {
					p.loaded.body = nil
				}
			}()
		}
		if !ok {
			return
		}
		w.checkRendered(p, md.text)
		if len(md.links) > 0 {
			r.links = positionsOf(p.body, md.links)
		}
		r.Content = template.HTML(md.html)
		if w.keepBodies {
			// Only a Session compares it (see appendSelf); a build would
			// copy and hash every page's HTML for nothing.
			r.content = sha256.Sum256([]byte(md.html))
		}
		r.TOC = md.toc
		if w.index != nil && searchable(p, md.text) {
			w.addDocument(pageDocument(p, md.text, md.toc))
		}
		r.WordCount = md.wordCount
		r.Summary = p.Description
		if r.Summary == "" {
			r.Summary = md.summary
		}
	} else {
		r.Summary = p.Description
	}
	if p.Organization != nil && w.index != nil {
		w.addDocument(organizationDocument(p, p.Organization, w.site.Config.Language))
	}
	if len(r.TOC) < 3 {
		r.TOC = nil // a short page needs no table of contents
	}
}

// renderPage runs a prepared page's layout and writes it (several files for
// a paginated list).
func (w *writer) renderPage(mw *markdownWorker, p *Page) { w.renderFiles(mw, p, nil) }

// renderFiles is renderPage for the files of a paginated list marked in
// files (all of them if nil).
func (w *writer) renderFiles(mw *markdownWorker, p *Page, files []bool) {
	for _, f := range w.pageFiles(p, w.data(p), files) {
		w.execute(mw, f.d, f.out)
	}
	p.Content = "" // written; free the memory
}

// pageFile is one file of a page: what its layout sees (a paginated
// list's file has its own Pager) and where it is written.
type pageFile struct {
	d   *pageData
	out string
}

// pageFiles are the files of p marked in files (all of them if nil; a
// page that is not paginated has one), each seeing d with its Pager.
func (w *writer) pageFiles(p *Page, d *pageData, files []bool) []pageFile {
	paginated := p.Kind == KindSection || p.Kind == KindTerm
	if !paginated || len(p.Pages) <= w.site.Config.PageSize {
		if p.IsList() {
			d.Pager = &Pager{Number: 1, Total: 1, URL: p.URL, Pages: p.Pages}
		}
		return []pageFile{{d, p.outputPath()}}
	}
	size := w.site.Config.PageSize
	total := (len(p.Pages) + size - 1) / size
	var out []pageFile
	for n := 1; n <= total; n++ {
		if files != nil && !files[n-1] {
			continue
		}
		pg := &Pager{Number: n, Total: total, URL: pagerURL(p.URL, n),
			Pages: p.Pages[(n-1)*size : min(n*size, len(p.Pages))]}
		if n > 1 {
			pg.Prev = pagerURL(p.URL, n-1)
		}
		if n < total {
			pg.Next = pagerURL(p.URL, n+1)
		}
		dd := *d
		dd.Pager = pg
		out = append(out, pageFile{&dd, path.Join(strings.TrimPrefix(pg.URL, "/"), "index.html")})
	}
	return out
}

// linked makes one page per language with fn, each the others' translation.
func linked(langs []Language, fn func(lang string) *Page) []*Page {
	var out []*Page
	for _, lang := range langs {
		out = append(out, fn(lang.Code))
	}
	for _, p := range out {
		for _, q := range out {
			if q != p {
				p.Translations = append(p.Translations, q)
			}
		}
	}
	return out
}

func pagerURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

func (w *writer) execute(mw *markdownWorker, d *pageData, out string) {
	mw.buf.Reset()
	name, err := w.tmpl.execute(&mw.buf, d)
	if err != nil && w.quiet {
		return
	}
	if err != nil {
		pr := templateProblem(err, name)
		where := d.Page.File
		if where == "" {
			where = d.Page.URL
		}
		pr.Msg += " (while rendering " + where + ")"
		w.l.Add(pr)
		return
	}
	if (d.Pager == nil || d.Pager.Number == 1) && d.Page.ids == nil {
		// The first file of a list: #anchors name what is on it.
		d.Page.ids = collectIDs(mw.buf.Bytes())
		d.Page.layout = name
	}
	w.write(out, mw.buf.Bytes())
	w.count(1, 0)
}
