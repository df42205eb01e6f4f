package site

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// A Session is a build that the dev server keeps in memory, so that an
// edit to one file can be published without building the whole site
// again. It keeps what loading produced (each file read and parsed, see
// Page) and, for every page, a fingerprint of what its layout shows: its
// own values and rendered Markdown; for each file of a list, the cards of
// the members on it (address, title, description, dates, weight, terms,
// parameters, summary) and of their members, for a list of lists such as
// the home page; its parents and translations; its terms, organizations
// and filters; the layout file that rendered it; and the answers to what
// the layout asked the site (.Site.Section, .Site.LangURL) and the
// hotline.
//
// Update reads the edited file again and replaces its loaded value,
// assembles the site anew from the loaded values (nothing else is read or
// parsed; an edit of a page's text alone, or of a layout, keeps the
// assembled site, which would come out the same, and an edit of text that
// leaves the page's summary as it was changes no other page), renders the
// Markdown of the pages whose text or link targets changed, and runs the
// layout of exactly the pages (the files of a list) whose fingerprint
// changed: the page itself, the section lists, term and taxonomy pages
// (old terms and new), the home page, the directory pages of an
// organization; for a layout, the pages it rendered. Those files run on
// every core, and a list's file rendered again reuses the cards of its
// members that it or another list already showed (see pageData.Card):
// only the edited member's card is rendered again. Lists are sorted by
// each page's place in one order of all loaded pages, kept from the build:
// an edit moves the edited page in it (source.reorder). After an edit of a
// regular page's front matter that moved no page, the other regular pages
// keep their fingerprints (keptPrint). The sitemap, the feeds and
// _redirects are made again (none of them for a kept site, the feeds again
// when the edited text changed the page's summary): a feed is encoded only
// when a sum of its entries changed, the sitemap only when a sum of what it
// lists did, and then only its entries that changed; all are written only
// where they changed; files a page no longer has are removed. The claims
// on the output that changed are counted in and out (see claimCounts): the
// whole check, which names both sides of a collision, runs only when one
// of them may collide. The links that may have changed are checked as in a
// full build, and an edit with errors is
// declined (nothing is written), as is one Update cannot do exactly: a new
// or removed file, a base or partial layout, interface strings, static
// files, the site settings, an organization with a confidential location,
// a page bundle that moves. The dev server then builds everything.
//
// What a fingerprint does not cover: a layout that ranges over .Site.Pages,
// .Site.Taxonomies or .Site.Organizations, or shows a member's word count,
// table of contents or text, is not rendered again when only those change
// (the bundled layouts do none of that). An edit of the hotline's file
// renders every page.
//
// The search index and the HSDS export are not updated: the dev server's
// full build in the background brings them up to date. A Session keeps
// every page's Markdown, about 4 KB a page.
type Session struct {
	mu     sync.Mutex
	opts   Options
	src    *source
	root   *os.Root // the output folder
	w      *writer
	mw     *markdownWorker
	prints map[string]fingerprint // page URL -> what it showed when last rendered
	// outputs are the files of the output (the claims that are files).
	outputs map[string]bool
	// layouts counts the edits of each layout file, a part of the
	// fingerprint of the pages it renders.
	layouts map[string]int
	// claimsKey sums what the claims on the output were made of, at the
	// last edit or the build.
	claimsKey uint64
	// claims counts the claims on the output (see claimCounts).
	claims *claimCounts
	// retired are the organizations an edit replaced, kept so that their
	// addresses, a part of fingerprints (see pointer), are never reused.
	retired []*directory.Organization
}

// BuildSession is Build, keeping what Update needs.
func BuildSession(opts Options) (*Session, Result, error) {
	res, b, err := run(opts, false, true)
	if err != nil {
		return nil, res, err
	}
	root, err := os.OpenRoot(opts.Out)
	if err != nil {
		return nil, res, err
	}
	w := b.w
	w.root, w.index, w.l = root, nil, &diag.List{}
	s := &Session{opts: opts, src: b.src, root: root, w: w, mw: &markdownWorker{md: newMarkdown()}, layouts: map[string]int{}}
	s.prints = s.fingerprints(w.site, s.layouts, w.notFound...)
	claims := w.site.outputClaims(overlay{opts.Source, opts.Theme}, opts.Source)
	s.outputs, s.claims = fileClaims(claims), newClaimCounts(claims)
	s.claimsKey = claimsKey(w.site)
	return s, res, nil
}

// Close releases the output folder.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.root != nil {
		s.root.Close()
		s.root = nil
	}
}

// Edit is what Update did with one saved file.
type Edit struct {
	File string
	// Rendered are the pages whose layout ran, each with why.
	Rendered []Rerender
	// Markdown is how many pages had their Markdown rendered again.
	Markdown int
	// Cards is how many cards of organizations were rendered again (see
	// pageData.Card); the lists reuse the others'.
	Cards int
	// Claims is how many names of the output had their claims checked
	// again: those the edit changed, or all of them when one of those may
	// collide (see claimCounts).
	Claims int
	// Written are the files of the output written or removed, sorted.
	Written, Removed []string
	// Assembled says whether the site was assembled again: not for an
	// edit of a page's text alone or of a layout (see Update).
	Assembled bool
	// Problems are the warnings (an edit with errors is declined).
	Problems []diag.Problem
	Took     time.Duration
}

// Rerender is one page Update rendered.
type Rerender struct {
	URL string
	Why string
}

// ErrFullBuild is wrapped by every error of Update that only means the
// edit needs a full build.
var ErrFullBuild = errors.New("a full build is needed")

func declined(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrFullBuild, fmt.Sprintf(format, args...))
}

// Update publishes an edit to one file of the source (a path relative to
// it, such as content/materials/x.md) if it can do so exactly; see
// Session. When it cannot, it writes nothing and says why: the error
// wraps ErrFullBuild, or lists the edit's problems (a *diag.ListError).
func (s *Session) Update(file string) (Edit, error) {
	start := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	ed := Edit{File: file}
	w := s.w
	if s.root == nil {
		return ed, declined("the session is closed")
	}
	l := &diag.List{}
	src := *s.src // replaced, not changed, when the edit is published
	layout := ""
	var retired *directory.Organization
	// text is the assembled page of an edit of its text alone, which is
	// changed in place: undo puts back what it and the pages rendered
	// again held, unless the edit is published.
	var text, loaded *Page
	// regular is the loaded value of an edited regular page whose
	// language and translation key are as they were.
	var regular *Page
	var undo []func()
	published := false
	defer func() {
		for i := len(undo) - 1; !published && i >= 0; i-- {
			undo[i]()
		}
	}()
	switch {
	case strings.HasPrefix(file, "content/") && strings.HasSuffix(file, ".md"):
		i := slices.Index(src.md, file)
		if i < 0 {
			return ed, declined("%s is a new file", file)
		}
		rs := &Site{Config: src.config, secrets: src.secrets}
		p := rs.readPage(src.fsys, file, src.bundles, l)
		if p == nil || l.Err() != nil {
			return ed, s.problems(l, file)
		}
		if q := w.site.byFile[file]; q != nil && q.loaded == src.pages[i] && textOnly(src.pages[i], p) {
			text, loaded = q, p
		}
		if was := src.pages[i]; was != nil && was.Kind == KindPage && p.Kind == KindPage &&
			was.Lang == p.Lang && was.TranslationKey == p.TranslationKey {
			regular = p // its translations are those it had
		}
		src.pages = slices.Clone(src.pages)
		src.pages[i] = p
		src.reorder(i)
	case isOrgFile(file):
		i := slices.IndexFunc(src.orgs, func(o *directory.Organization) bool { return o.File == file })
		if i < 0 {
			return ed, declined("%s is a new organization, or one that did not load", file)
		}
		data, ok := readLimited(src.fsys, file, l)
		var o *directory.Organization
		if ok {
			o = directory.Load(file, data, l)
		}
		if o == nil || l.Err() != nil {
			return ed, s.problems(l, file)
		}
		if confidential(o) || confidential(src.orgs[i]) {
			// Its addresses are looked for in every file of the site.
			return ed, declined("%s has a confidential location", file)
		}
		src.orgs = slices.Clone(src.orgs)
		retired = src.orgs[i]
		src.orgs[i] = o
		sortOrganizations(src.orgs)
	case strings.HasPrefix(file, "layouts/") && strings.HasSuffix(file, ".html") &&
		file != "layouts/base.html" && !strings.HasPrefix(file, "layouts/partials/"):
		if !w.tmpl.exists(file) {
			return ed, declined("%s is a new layout", file)
		}
		layout = file
	default:
		return ed, declined("%s is not a page, an organization or a page's own layout", file)
	}

	// An edit of a page's text alone, or of a layout, keeps the assembled
	// site: assembly reads no page's text and no layout, so it would make
	// the same site again.
	kept := text != nil || layout != ""
	var site *Site
	var textWas *Rendered // the text page's rendered values before the edit
	if kept {
		site = w.site
	}
	if text != nil {
		saved := *text
		undo = append(undo, func() { *text = saved })
		textWas = text.Rendered
		text.loaded, text.body, text.Rendered = loaded, loaded.body, nil
	} else if !kept {
		site = src.assemble(l)
		site.assets = w.site.assets
		ed.Assembled = true
	}
	if !slices.Equal(site.files, w.site.files) {
		return ed, declined("the attachments of a page bundle moved")
	}
	old := w.site
	// The claims on the output are checked again only if what they are
	// made of changed: addresses, list files, aliases.
	key := s.claimsKey
	if !kept {
		key = claimsKey(site)
	}
	// The files of the output claimed after the edit: the writer's
	// written files start as these (and s.outputs is not to change).
	outputs, ownOutputs := s.outputs, false
	if kept {
		// The same site: its aliases are those kept.
	} else if key != s.claimsKey {
		// Count in and out the claims that changed: the whole check,
		// which names both sides of a collision, runs only if one of
		// them may collide or an alias may be refused. Either way
		// s.claims then counts the claims of site.
		changes, ok := claimChanges(old, site)
		if ok {
			ed.Claims = len(changes)
			s.claims.apply(changes, false)
			undo = append(undo, func() { s.claims.apply(changes, true) })
		}
		if !ok || s.claims.mayCollide(changes) || s.claims.mayRefuseAlias(site.redirs) {
			claims := site.checkOutputs(overlay{s.opts.Source, s.opts.Theme}, s.opts.Source, s.opts.WarnLinks, l)
			if l.Err() != nil {
				return ed, s.problems(l, "")
			}
			outputs, ownOutputs = fileClaims(claims), true
			ed.Claims = len(claims)
			if !ok {
				was := s.claims
				s.claims = newClaimCounts(claims)
				undo = append(undo, func() { s.claims = was })
			}
		} else {
			// No claim is refused, no alias: all of them are kept.
			outputs, ownOutputs = maps.Clone(s.outputs), true
			for name := range changes {
				if s.claims.names[name] > 0 {
					outputs[name] = true
				} else {
					delete(outputs, name)
				}
			}
		}
	} else {
		// The aliases checkAliases kept last time, for these pages.
		kept := slices.Clone(old.redirs)
		for i, r := range kept {
			kept[i].page = site.byURL[r.to]
		}
		site.redirs = kept
	}
	layouts := s.layouts
	if layout != "" {
		layouts = cloneMap(s.layouts)
		layouts[layout]++
	}

	// Render the Markdown of the pages whose text, or a page their links
	// name, changed; the others keep what they had.
	// The same addresses in a kept site, or in one whose claims are made
	// of the same addresses, files and kinds.
	moved := map[string]bool{}
	if !kept && key != s.claimsKey {
		moved = movedNames(old, site)
	}
	for _, p := range site.Pages {
		q := old.byURL[p.URL]
		switch {
		case q == nil || q.Rendered == nil || q.File != p.File || q.Kind != p.Kind:
		case p.File != "" && (!sameBytes(p.body, q.body) || p.Description != q.Description): // the summary is the description
		case p.File == "" && p.Description != q.Description:
		case linksTo(q.Rendered, moved):
		default:
			p.Rendered = q.Rendered
		}
	}
	if !ownOutputs {
		outputs = maps.Clone(s.outputs)
	}
	nw := &writer{site: site, tmpl: w.tmpl, l: l, written: outputs, warnLinks: w.warnLinks, keepBodies: true,
		sitemapSum: w.sitemapSum, prevSitemap: w.sitemapSum, feedSums: w.feedSums,
		sitemapEntries: w.sitemapEntries}
	nw.localTitles()
	fresh := map[*Page]bool{}
	for _, p := range site.Pages {
		if p.Rendered == nil {
			fresh[p] = true
			nw.prepare(s.mw, p)
		}
	}
	ed.Markdown = len(fresh)
	if layout != "" {
		w.tmpl.forget(layout)
	}

	// Run the layouts of the pages that show something else now, into
	// memory: the links are checked before anything is written.
	mem := &memDir{files: map[string][]byte{}}
	nw.root = mem
	notFound := make([]*Page, len(w.notFound))
	for i, p := range w.notFound {
		q := *p
		notFound[i] = &q
	}
	nw.notFound = notFound
	pr := s.printer(site, layouts)
	cards := w.tmpl.cardsRendered()
	was := map[*Page]*Rendered{} // of the pages rendered again, for a text edit
	prev, prints := s.prints, map[string]fingerprint(nil)
	pages := append(slices.Clone(site.Pages), notFound...)
	if text != nil && text.Summary == textWas.Summary {
		// What the other pages show of it, its card, is as it was: only
		// its own fingerprint may have changed.
		was[text] = textWas
		before, had := s.prints[text.URL]
		prev, prints = map[string]fingerprint{}, s.prints
		if had {
			prev[text.URL] = before
		}
		undo = append(undo, func() {
			if had {
				prints[text.URL] = before
			} else {
				delete(prints, text.URL)
			}
		})
		prints[text.URL] = pr.print(text)
		pages = []*Page{text}
	} else {
		var keep func(p *Page) bool
		if regular != nil && !kept && key == s.claimsKey {
			keep = func(p *Page) bool { return keptPrint(p, old.byURL[p.URL]) }
		}
		prints = s.fingerprintsKeeping(site, layouts, keep, notFound...)
		if text != nil {
			was[text] = textWas
		}
	}
	var jobs []renderJob
	for _, p := range pages {
		before, known := prev[p.URL]
		why, files := prints[p.URL].why(before, known)
		if fresh[p] {
			why, files = cmp.Or(why, "its Markdown was rendered again"), nil
		}
		if why == "" {
			continue
		}
		if !fresh[p] {
			// Its content was dropped once written: render it anew,
			// leaving the value it had to the old site.
			old := p.Rendered
			if kept {
				// The old site is this one: undo keeps the old value.
				undo = append(undo, func() { p.Rendered = old })
				was[p] = old
			}
			p.Rendered = nil
			nw.prepare(s.mw, p)
			if files != nil && !files[0] {
				p.ids, p.layout, p.reads = old.ids, old.layout, old.reads // of its first file, not written again
			}
		}
		jobs = append(jobs, nw.renderJob(p, files))
		ed.Rendered = append(ed.Rendered, Rerender{URL: p.URL, Why: why})
	}
	// The files run on every core: a draft toggle shifts every later file
	// of each list that holds the page, hundreds of them.
	var tasks []pageFile
	for _, j := range jobs {
		tasks = append(tasks, j.files...)
	}
	workers := make(chan *markdownWorker, len(tasks))
	parallel(len(tasks), func(i int) {
		var mw *markdownWorker
		select {
		case mw = <-workers:
		default:
			mw = &markdownWorker{} // execute uses its buffer alone
		}
		nw.execute(mw, tasks[i].d, tasks[i].out)
		workers <- mw
	})
	for _, j := range jobs {
		p := j.p
		for _, r := range j.reads { // in the order of its files, as one by one
			p.reads.sections = append(p.reads.sections, r.sections...)
			p.reads.langURLs = append(p.reads.langURLs, r.langURLs...)
		}
		p.Content = ""              // written; free the memory
		prints[p.URL] = pr.print(p) // with what it asked this time
	}
	ed.Cards = w.tmpl.cardsRendered() - cards
	if !kept {
		nw.writeSitemap()
		nw.writeFeeds()
		nw.writeRedirects()
	} else if text != nil && text.Summary != textWas.Summary {
		// A feed shows a page's title, address, date and summary; the
		// sitemap and _redirects show no page's text, or layout.
		nw.writeFeeds()
	}
	// Check the links that may have changed: those of the pages rendered
	// again, and those that may name a page or file that moved, came,
	// went, or has other ids now.
	if !slices.Equal(site.redirs, old.redirs) {
		nw.checkLinks()
	} else {
		for name := range s.outputs {
			if !nw.written[name] {
				noteOutput(moved, name)
			}
		}
		for name := range nw.written {
			if !s.outputs[name] {
				noteOutput(moved, name)
			}
		}
		for _, r := range ed.Rendered {
			p, q := site.byURL[r.URL], old.byURL[r.URL]
			var qr *Rendered
			if q != nil {
				qr = q.Rendered
			}
			if kept {
				qr = was[p]
			}
			if p != nil && qr != nil && !maps.Equal(p.ids, qr.ids) {
				noteOutput(moved, strings.TrimPrefix(p.URL, "/")+"index.html")
			}
		}
		var check []*Page
		for _, p := range site.Pages {
			if fresh[p] || linksTo(p.Rendered, moved) {
				check = append(check, p)
			}
		}
		nw.checkLinksOf(check)
	}
	if l.Err() != nil || nw.err != nil {
		if nw.err != nil {
			return ed, nw.err
		}
		return ed, s.problems(l, "")
	}

	// Publish: write what changed, remove what is gone.
	nw.root = s.root
	nw.dirs.Clear() // those noted were made in memory
	for _, name := range keysSorted(mem.files) {
		data := mem.files[name]
		if prev, err := s.root.ReadFile(name); err == nil && bytes.Equal(prev, data) {
			continue
		}
		nw.write(name, data)
		ed.Written = append(ed.Written, name)
	}
	for name := range s.outputs {
		if !nw.written[name] {
			s.remove(name)
			ed.Removed = append(ed.Removed, name)
		}
	}
	slices.Sort(ed.Removed)
	if nw.err != nil {
		return ed, nw.err
	}
	published = true
	nw.l = &diag.List{}
	nw.dirs.Clear() // some may be gone
	s.w = nw
	s.claimsKey = key
	s.layouts = layouts
	if retired != nil {
		s.retired = append(s.retired, retired)
	}
	s.src = &src
	s.prints = prints
	s.outputs = nw.written
	ed.Problems = l.Sorted()
	ed.Took = time.Since(start)
	return ed, nil
}

// renderJob is a page whose files an edit renders again.
type renderJob struct {
	p     *Page
	files []pageFile
	reads []*siteReads // what each file's layout asked the site
}

// renderJob makes the files of p marked in files (all if nil) ready to
// run at once: each sees the page's view of the site through a copy of
// its own, which records what the file asks, so that p.reads is made of
// them afterwards.
func (w *writer) renderJob(p *Page, files []bool) renderJob {
	j := renderJob{p: p, files: w.pageFiles(p, w.data(p), files)}
	for i := range j.files {
		d := *j.files[i].d
		v := *d.Site
		v.reads = &siteReads{}
		d.Site = &v
		j.files[i].d = &d
		j.reads = append(j.reads, v.reads)
	}
	return j
}

// textOnly reports whether a page as loaded again differs from the page
// as loaded before in its text alone: same front matter, same file.
func textOnly(old, p *Page) bool {
	a, b := *old, *p
	a.body, b.body = nil, nil
	return reflect.DeepEqual(a, b)
}

// claimsKey sums what the claims on the output are made of, besides the
// static and copied files (an edit that changes those is declined): each
// page's address, file, kind and number of list files, and the aliases
// before checkAliases keeps some.
func claimsKey(site *Site) uint64 {
	var b []byte
	for _, p := range site.Pages {
		b = appendStrings(b, p.URL, p.File, p.Kind)
		size := max(site.Config.PageSize, 1)
		b = strconv.AppendInt(b, int64((len(p.Pages)+size-1)/size), 10)
	}
	for _, r := range site.redirs {
		b = appendStrings(b, r.from, r.to)
	}
	return maphash.Bytes(sumSeed, b) | 1 // never 0
}

// problems is the error for an edit with errors: those of file, or all.
func (s *Session) problems(l *diag.List, file string) error {
	if err := l.Err(); err != nil {
		return err
	}
	return declined("%s did not load", file)
}

// remove deletes a file of the output, and its folders if they are left
// empty.
func (s *Session) remove(name string) {
	if s.root.Remove(name) != nil {
		return
	}
	for dir := path.Dir(name); dir != "." && s.root.Remove(dir) == nil; dir = path.Dir(dir) {
	}
}

func confidential(o *directory.Organization) bool {
	return slices.ContainsFunc(o.Locations, directory.Location.Confidential)
}

func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b))
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// fileClaims are the names of the claims that are files of the output.
func fileClaims(claims map[string][]claim) map[string]bool {
	out := map[string]bool{}
	for name, cs := range claims {
		if !cs[0].reserved {
			out[name] = true
		}
	}
	return out
}

// movedNames are the names by which a link may name a page whose address
// changed, appeared or went away between two assemblies: its file's name
// without .md (a bundle's folder) and the last segment of each address.
func movedNames(a, b *Site) map[string]bool {
	names := map[string]bool{}
	note := func(file string, urls ...string) {
		name := strings.TrimSuffix(path.Base(file), ".md")
		if name == "index" || name == "_index" {
			name = path.Base(path.Dir(file))
		}
		names[name] = true
		for _, u := range urls {
			names[path.Base(strings.TrimSuffix(u, "/"))] = true
		}
	}
	urlOf := func(s *Site, f string) string {
		if p := s.byFile[f]; p != nil {
			return p.URL
		}
		return ""
	}
	for _, m := range []map[string]*Page{a.byFile, b.byFile, a.hidden, b.hidden} {
		for f := range m {
			if ua, ub := urlOf(a, f), urlOf(b, f); ua != ub {
				note(f, ua, ub)
			}
		}
	}
	delete(names, "")
	delete(names, ".")
	return names
}

// noteOutput adds to names what a link to a file of the output may end
// with: the file's name, or its folder's for an index.html.
func noteOutput(names map[string]bool, name string) {
	if path.Base(name) == "index.html" {
		name = path.Dir(name)
	}
	names[path.Base(name)] = true
	names[strings.TrimSuffix(path.Base(name), ".md")] = true
}

// linksTo reports whether a page's links may name one of names.
func linksTo(r *Rendered, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	if r.linkNames == nil && len(r.links) > 0 {
		// Each edit that moves a page asks this of every page: the
		// names are taken from the links once.
		r.linkNames = make([]string, len(r.links))
		for i, ln := range r.links {
			d, _, _ := strings.Cut(ln.dest, "#")
			d, _, _ = strings.Cut(d, "?")
			r.linkNames[i] = strings.TrimSuffix(path.Base(strings.TrimSuffix(d, "/")), ".md")
		}
	}
	for _, name := range r.linkNames {
		if names[name] {
			return true
		}
	}
	return false
}

// memDir keeps what is written in memory, from any goroutine.
type memDir struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memDir) MkdirAll(string, fs.FileMode) error { return nil }
func (m *memDir) WriteFile(name string, data []byte, _ fs.FileMode) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}
func (m *memDir) OpenFile(name string, _ int, _ fs.FileMode) (*os.File, error) {
	return nil, fmt.Errorf("open %s: the dev server copies no files on an edit", name)
}
func (m *memDir) Close() error { return nil }

// sumSeed is the seed of every fingerprint's sums: a 64-bit hash, since
// a sum is compared only with the one before it of the same page.
var sumSeed = maphash.MakeSeed()

// A fingerprint sums what a page's layout shows, in parts, so that a
// changed one says why the page is rendered again. A paginated list has
// one sum of members per file, so that an edit renders the files of the
// list that show it, not all of them.
type fingerprint struct {
	self, around, layout, global uint64
	members                      []uint64 // per file of the page
}

// why says why a page is rendered again, and which of its files: all of
// them when files is nil.
func (f fingerprint) why(old fingerprint, known bool) (why string, files []bool) {
	switch {
	case !known:
		return "a new page", nil
	case f.self != old.self:
		return "its own values or text changed", nil
	case f.layout != old.layout:
		return "its layout changed", nil
	case f.around != old.around:
		return "its parents or translations changed", nil
	case f.global != old.global:
		return "what it shows of other pages changed", nil
	case len(f.members) != len(old.members):
		return "what it lists changed", nil
	}
	files = make([]bool, len(f.members))
	changed := false
	for i := range f.members {
		files[i] = f.members[i] != old.members[i]
		changed = changed || files[i]
	}
	if !changed {
		return "", nil
	}
	return "what it lists changed", files
}

// pageSums keep a content page's sums with what rendering it gave: the
// values they sum are those of its file and its Markdown, which a page
// keeps its Rendered for (see Update).
type pageSums struct {
	of         *Page // the loaded page they sum
	self, card uint64
	hasCard    bool
}

// printer makes fingerprints, each member's card once.
type printer struct {
	s       *Session
	site    *Site
	layouts map[string]int
	cards   map[*Page]uint64
	buf     []byte
}

func (s *Session) printer(site *Site, layouts map[string]int) *printer {
	return &printer{s: s, site: site, layouts: layouts, cards: map[*Page]uint64{}}
}

// fingerprints sums what each page of site shows (see Session).
func (s *Session) fingerprints(site *Site, layouts map[string]int, extra ...*Page) map[string]fingerprint {
	return s.fingerprintsKeeping(site, layouts, nil, extra...)
}

// fingerprintsKeeping is fingerprints, with the fingerprint each page had
// where keep (if not nil) says it is the same.
func (s *Session) fingerprintsKeeping(site *Site, layouts map[string]int, keep func(*Page) bool, extra ...*Page) map[string]fingerprint {
	pr := s.printer(site, layouts)
	out := make(map[string]fingerprint, len(site.Pages)+len(extra))
	for _, p := range site.Pages {
		if keep != nil && keep(p) {
			if f, ok := s.prints[p.URL]; ok {
				out[p.URL] = f
				continue
			}
		}
		out[p.URL] = pr.print(p)
	}
	for _, p := range extra {
		out[p.URL] = pr.print(p)
	}
	return out
}

func (pr *printer) sum(b []byte) uint64 {
	pr.buf = b[:0]
	return maphash.Bytes(sumSeed, b)
}

// print sums what one page shows.
func (pr *printer) print(p *Page) fingerprint {
	var f fingerprint
	if r := p.Rendered; r != nil && p.loaded != nil && r.sums != nil && r.sums.of == p.loaded {
		f.self = r.sums.self // a content page's values are its file's
	} else {
		f.self = pr.sum(appendSelf(pr.buf, p))
		if r != nil && p.loaded != nil {
			r.sums = &pageSums{of: p.loaded, self: f.self}
		}
	}
	b := pr.buf
	for q := p.Parent; q != nil; q = q.Parent {
		b = appendStrings(b, q.URL, q.Title)
	}
	for _, t := range p.Translations {
		b = appendStrings(b, t.Lang, t.URL)
	}
	f.around = pr.sum(b)

	name := ""
	if p.Rendered != nil {
		name = p.layout // as recorded while rendering
	}
	if name == "" {
		_, name, _ = pr.s.w.tmpl.lookup(p)
	}
	f.layout = pr.sum(strconv.AppendInt(appendStrings(pr.buf, name), int64(pr.layouts[name]), 10))

	// What the layout asked the site for, answered by this site.
	b = binary.LittleEndian.AppendUint64(pr.buf, pointer(pr.site.Hotline))
	if p.Rendered != nil && p.reads != nil {
		v := pr.site.view(p.Lang)
		for _, u := range p.reads.langURLs {
			b = appendStrings(b, u, v.langURL(u))
		}
		for _, u := range p.reads.sections {
			if sec := v.section(u); sec != nil {
				b = pr.appendCard(b, sec)
				for _, m := range sec.Pages {
					b = pr.appendCard(b, m)
				}
			}
			b = append(b, 1)
		}
	}
	f.global = pr.sum(b)

	// Members, by the file of the list that shows them.
	size := len(p.Pages)
	if (p.Kind == KindSection || p.Kind == KindTerm) && len(p.Pages) > pr.site.Config.PageSize {
		size = pr.site.Config.PageSize
	}
	for i := 0; i == 0 || i < len(p.Pages); i += max(size, 1) {
		b = strconv.AppendInt(pr.buf, int64(len(p.Pages)), 10)
		for _, m := range p.Pages[i:min(i+size, len(p.Pages))] {
			b = pr.appendCard(b, m)
			if m.IsList() {
				for _, mm := range m.Pages {
					b = pr.appendCard(b, mm)
				}
			}
			b = append(b, 1)
		}
		if i == 0 {
			for _, t := range p.Terms {
				b = strconv.AppendInt(appendStrings(b, t.URL, t.Name), int64(len(t.Pages)), 10)
			}
			for _, o := range p.Organizations {
				b = binary.LittleEndian.AppendUint64(b, pointer(o))
			}
			for _, fg := range p.Filters {
				b = fmt.Appendf(b, "%v\x00", fg)
			}
		}
		f.members = append(f.members, pr.sum(b))
	}
	return f
}

// keptPrint reports whether page p of a site assembled after an edit of
// the front matter of one regular page shows what it showed as q, the
// page at its address before: the edit moved no page (the claims key is
// the same) and left the edited page's language and translation key as
// they were, so a regular page that is another file (loaded as it was) and
// rendered as it was, has the parents, translations and layout it had,
// and, listing nothing and asking the site for no section, shows nothing
// of the edited page.
func keptPrint(p, q *Page) bool {
	return q != nil && p.Kind == KindPage && q.Kind == KindPage && p.loaded != nil && p.loaded == q.loaded && p.Rendered != nil && p.Rendered == q.Rendered &&
		(p.reads == nil || len(p.reads.sections) == 0) &&
		len(p.Pages) == 0 && len(p.Terms) == 0 && len(p.Organizations) == 0 && len(p.Filters) == 0 && p.Organization == nil
}

// pointer is an organization's identity: a file edited is loaded into a
// new one, the others are kept. Session.retired keeps the old ones from
// being freed, so that no other takes their address.
func pointer(o *directory.Organization) uint64 { return uint64(uintptr(unsafe.Pointer(o))) }

func appendStrings(b []byte, ss ...string) []byte {
	for _, s := range ss {
		b = append(b, s...)
		b = append(b, 0)
	}
	return b
}

func appendTimes(b []byte, ts ...time.Time) []byte {
	for _, t := range ts {
		b = strconv.AppendInt(b, t.UnixNano(), 10)
		b = append(b, 0)
	}
	return b
}

// appendSelf appends a page's own values: loaded, assembled and rendered.
func appendSelf(b []byte, p *Page) []byte {
	b = appendStrings(b, p.Kind, p.File, p.URL, p.Lang, p.Section, p.Title, p.Description, p.Layout, p.Type)
	b = appendTimes(b, p.Date, p.Lastmod, p.PublishDate, p.ExpiryDate)
	b = strconv.AppendBool(b, p.Draft)
	b = strconv.AppendInt(b, int64(p.Weight), 10)
	for _, ss := range [][]string{p.Tags, p.Topics, p.Audience, p.Aliases} {
		b = appendStrings(b, ss...)
		b = append(b, 1)
	}
	if len(p.Params) > 0 || len(p.Attachments) > 0 {
		b = fmt.Appendf(b, "%v%v", p.Params, p.Attachments)
	}
	b = binary.LittleEndian.AppendUint64(b, pointer(p.Organization))
	if r := p.Rendered; r != nil {
		b = append(b, r.content[:]...)
		b = fmt.Appendf(b, "%v", r.TOC)
		b = appendStrings(b, r.Summary)
		b = strconv.AppendInt(b, int64(r.WordCount), 10)
	}
	return b
}

// appendCard appends the sum of what a list may show of one of its
// members: its loaded values and summary, not its text, table of
// contents or word count, so that most text edits render the page alone.
func (pr *printer) appendCard(b []byte, m *Page) []byte {
	if r := m.Rendered; r != nil && m.loaded != nil && r.sums != nil && r.sums.of == m.loaded && r.sums.hasCard {
		return binary.LittleEndian.AppendUint64(b, r.sums.card)
	}
	c, ok := pr.cards[m]
	if !ok {
		var cb []byte
		cb = appendStrings(cb, m.Kind, m.URL, m.Title, m.Description)
		cb = appendTimes(cb, m.Date, m.Lastmod)
		cb = strconv.AppendInt(cb, int64(m.Weight), 10)
		for _, ss := range [][]string{m.Tags, m.Topics, m.Audience} {
			cb = appendStrings(cb, ss...)
			cb = append(cb, 1)
		}
		if len(m.Params) > 0 {
			cb = fmt.Appendf(cb, "%v", m.Params)
		}
		if m.Rendered != nil {
			cb = appendStrings(cb, m.Summary)
		}
		c = maphash.Bytes(sumSeed, cb)
		pr.cards[m] = c
		if r := m.Rendered; r != nil && m.loaded != nil && r.sums != nil && r.sums.of == m.loaded {
			r.sums.card, r.sums.hasCard = c, true
		}
	}
	return binary.LittleEndian.AppendUint64(b, c)
}
