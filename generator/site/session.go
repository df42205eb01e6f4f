package site

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"time"

	"resourcelib/generator/diag"
)

// A Session is a build that the dev server keeps in memory, so that an
// edit to the text of one page can be published without building the
// whole site again: the page is rendered and written into the output in
// place, in milliseconds. Update does that only when the edit cannot change
// any other file: the page's address, title, description, summary, dates,
// weight, terms, aliases, layout, parameters and heading ids are as before,
// and its links all resolve. Otherwise it reports false, and the dev server
// builds everything, as it also does afterwards in any case, to bring the
// search index up to date.
type Session struct {
	mu   sync.Mutex
	opts Options
	w    *writer
	mw   *markdownWorker
}

// BuildSession is Build, keeping what Update needs.
func BuildSession(opts Options) (*Session, Result, error) {
	var w *writer
	opts.keep = &w
	res, err := Build(opts)
	if err != nil || w == nil {
		return nil, res, err
	}
	root, err := os.OpenRoot(opts.Out)
	if err != nil {
		return nil, res, err
	}
	w.root, w.index, w.l = root, nil, &diag.List{}
	return &Session{opts: opts, w: w, mw: &markdownWorker{md: newMarkdown()}}, res, nil
}

// Close releases the output folder.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != nil && s.w.root != nil {
		s.w.root.Close()
		s.w.root = nil
	}
}

// Update publishes an edit to one Markdown file (a path relative to the
// source, such as content/materials/x.md) if it can do so exactly; see
// Session. It returns whether it did.
func (s *Session) Update(file string) (bool, time.Duration) {
	start := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.w
	if w == nil || w.root == nil || !strings.HasSuffix(file, ".md") {
		return false, 0
	}
	old := w.site.byFile[file]
	if old == nil || old.Kind != KindPage || old.Organization != nil {
		return false, 0
	}
	l := &diag.List{}
	p := w.site.readPage(s.opts.Source, file, nil, l)
	if p == nil || l.Err() != nil || !sameOutside(old, p) {
		return false, 0
	}
	// Render the new text into a copy of the page, so that a page that
	// turns out to need a full build is left as it was.
	q := *old
	q.body, q.prepared, q.links, q.ids, q.pos = p.body, false, nil, nil, p.pos
	q.Summary, q.Content, q.TOC = "", "", nil
	w.l, w.quiet = l, false
	w.prepare(s.mw, &q)
	if l.Err() != nil || q.Summary != old.Summary {
		return false, 0
	}
	// The page's own links must resolve; its ids must be the same, since
	// other pages may link to them.
	for _, ln := range q.links {
		if msg, _ := unsafeLink(ln); msg != "" {
			return false, 0
		}
		if msg, _ := offSiteImage(ln); msg != "" {
			return false, 0
		}
		if msg, _ := w.checkLink(&q, ln); msg != "" {
			return false, 0
		}
	}
	d := w.data(&q)
	s.mw.buf.Reset()
	if _, err := w.tmpl.execute(&s.mw.buf, d); err != nil {
		return false, 0
	}
	ids := collectIDs(s.mw.buf.Bytes())
	if !reflect.DeepEqual(ids, old.ids) {
		return false, 0
	}
	if err := w.root.WriteFile(q.outputPath(), s.mw.buf.Bytes(), 0o644); err != nil {
		return false, 0
	}
	q.Content = ""
	*old = q
	old.ids = ids
	return true, time.Since(start)
}

// sameOutside reports whether a page reloaded from its file shows the same
// on every other page: in lists, feeds, the sitemap, terms and redirects.
func sameOutside(a, b *Page) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Description == b.Description &&
		a.Date.Equal(b.Date) && a.Lastmod.Equal(b.Lastmod) && a.Draft == b.Draft &&
		a.PublishDate.Equal(b.PublishDate) && a.ExpiryDate.Equal(b.ExpiryDate) && a.Weight == b.Weight &&
		a.Lang == b.Lang && a.TranslationKey == b.TranslationKey && a.Layout == b.Layout && a.Type == b.Type &&
		reflect.DeepEqual(a.Tags, b.Tags) && reflect.DeepEqual(a.Topics, b.Topics) &&
		reflect.DeepEqual(a.Audience, b.Audience) && reflect.DeepEqual(a.Aliases, b.Aliases) &&
		reflect.DeepEqual(a.Params, b.Params)
}
