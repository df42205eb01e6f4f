package server

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"resourcelib/generator/diag"
	"resourcelib/generator/publish"
	"resourcelib/generator/search"
	"resourcelib/generator/site"
)

//go:embed reload.js
var reloadJS []byte

const (
	reloadScriptPath = "/_reload.js"
	reloadEventsPath = "/_reload"
	// ReloadTag is what the dev server adds to every HTML page it sends.
	ReloadTag = `<script src="/_reload.js" defer></script>`
	debounce  = 30 * time.Millisecond
)

// State is what an open page is told after each build (one event of
// /_reload, as JSON).
type State struct {
	Gen      int64     `json:"gen"` // counts good builds: a new one means reload
	Problems []Problem `json:"problems"`
	Took     float64   `json:"took_ms"`
	// Indexing says that the pages show a quick update that the search
	// index does not have yet: a catch-up build runs. The state that
	// follows its end says false.
	Indexing bool `json:"indexing"`
}

// A Problem is one line of the error overlay.
type Problem struct {
	Text     string `json:"text"` // path:line:col: error: message (hint)
	Severity string `json:"severity"`
}

// DevConfig is what a Dev server builds and where.
type DevConfig struct {
	Source string // the site's folder, holding content/
	Out    string // the output folder, replaced by each full build
	Index  string // the search index's folder
	// Options are the build's; Source, Out and Index are set from the
	// fields above.
	Options        site.Options
	Rules          []HeaderRule
	Stdout, Stderr io.Writer
}

// Dev is the dev server: see the package doc.
type Dev struct {
	cfg     DevConfig
	handler http.Handler

	static   atomic.Pointer[served]
	searcher atomic.Pointer[search.Handler]

	building sync.Mutex // one full build at a time
	closed   bool       // guarded by building: Close was called, build no more

	// mu serialises quick updates with the end of a full build, where
	// the session and the handlers are replaced and the updates the
	// build missed are applied again; see Changed.
	mu       sync.Mutex
	idle     sync.Cond // signalled when catching turns false
	session  *site.Session
	edited   map[string]bool // files quickly updated since the running build began
	catching bool            // a catch-up build is running or waiting
	stale    bool            // an update missed by a build could not be applied again

	smu     sync.Mutex // guards gen, last, state and clients
	gen     int64
	last    State
	state   []byte // last, as JSON
	behind  bool   // State.Indexing: set by a quick update, cleared when its catch-up ends
	clients map[chan []byte]bool
	ending  chan struct{} // closed when the server shuts down: event streams end
	endOnce sync.Once

	beforePublish func() // tests: called when a build has rendered everything
}

// served is one build's output, opened.
type served struct {
	static *Static
	root   *os.Root
}

// NewDev returns a dev server that has built nothing yet: call Build.
func NewDev(cfg DevConfig) *Dev {
	d := &Dev{cfg: cfg, clients: map[chan []byte]bool{}, edited: map[string]bool{}, ending: make(chan struct{})}
	d.idle.L = &d.mu
	d.handler = NewHandler(Handlers{
		Rules:  cfg.Rules,
		Static: http.HandlerFunc(d.serveStatic),
		Search: http.HandlerFunc(d.serveSearch),
		Reload: http.HandlerFunc(d.serveReload),
	})
	return d
}

func (d *Dev) ServeHTTP(w http.ResponseWriter, r *http.Request) { d.handler.ServeHTTP(w, r) }

// Close waits for background builds and releases the output and index.
func (d *Dev) Close() {
	d.Settle()
	d.building.Lock()
	defer d.building.Unlock()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.session != nil {
		d.session.Close()
		d.session = nil
	}
	if s := d.searcher.Swap(nil); s != nil {
		s.Close()
	}
	if old := d.static.Swap(nil); old != nil {
		old.root.Close()
	}
}

// Settle waits until no catch-up build is running or waiting.
func (d *Dev) Settle() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for d.catching {
		d.idle.Wait()
	}
}

// Build builds the whole site into the output folder (replaced only on
// success), reopens the output and the search index, and tells every open
// page. It reports whether the build succeeded.
func (d *Dev) Build() bool { return d.fullBuild(false) }

// fullBuild builds everything. quiet is for the build that follows a quick
// update: the page is already shown, so a good build reloads no page.
func (d *Dev) fullBuild(quiet bool) bool {
	d.building.Lock()
	defer d.building.Unlock()
	if d.closed {
		return false // a change seen as the server stops
	}
	d.mu.Lock()
	clear(d.edited) // this build reads them
	d.mu.Unlock()

	start := time.Now()
	var res site.Result
	var sess *site.Session
	ix, err := search.NewIndexer(d.cfg.Index)
	if err == nil {
		opts := d.cfg.Options
		opts.Source, opts.Out, opts.Index = os.DirFS(d.cfg.Source), d.cfg.Out, ix
		if d.beforePublish != nil {
			opts.Index = hookedIndex{ix, d.beforePublish}
		}
		sess, res, err = site.BuildSession(opts)
	}
	took := time.Since(start)
	var ps []Problem
	for _, p := range res.Problems {
		ps = append(ps, Problem{Text: p.Error(), Severity: p.Severity.String()})
	}
	for _, p := range res.Problems {
		fmt.Fprintln(d.cfg.Stderr, p.Error())
	}
	if err != nil {
		var le *diag.ListError
		if !errors.As(err, &le) {
			ps = append(ps, Problem{Text: "generator: " + err.Error(), Severity: "error"})
			fmt.Fprintf(d.cfg.Stderr, "generator: %v\n", err)
		} else {
			errs := 0
			for _, p := range res.Problems {
				if p.Severity != diag.Warning {
					errs++
				}
			}
			fmt.Fprintf(d.cfg.Stderr, "%d error(s): the site was not rebuilt; fix them and save\n", errs)
		}
		d.publish(false, ps, took, false)
		return false
	}
	if err := d.replace(sess); err != nil {
		fmt.Fprintf(d.cfg.Stderr, "generator: %v\n", err)
		d.publish(false, []Problem{{Text: "generator: " + err.Error(), Severity: "error"}}, took, false)
		return false
	}
	pages := fmt.Sprintf("%d pages", res.Pages)
	if res.Pages == 1 {
		pages = "1 page"
	}
	fmt.Fprintf(d.cfg.Stdout, "built %s in %s\n", pages, took.Round(time.Millisecond))
	d.publish(true, ps, took, quiet)
	return true
}

// replace makes a new build's session and folders the served ones. An
// update made while the build ran may have gone into the folder the build
// has just moved aside, and the build may have read the file before it:
// each is applied again to the new session before the new folder is
// served, under mu, so that no update lands between.
func (d *Dev) replace(sess *site.Session) error {
	root, err := os.OpenRoot(d.cfg.Out)
	if err != nil {
		sess.Close()
		return err
	}
	hide := []string(nil)
	if rel, err := filepath.Rel(d.cfg.Out, d.cfg.Index); err == nil && filepath.IsLocal(rel) {
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		hide = append(hide, top)
	}
	st, err := NewStatic(root.FS(), hide...)
	if err != nil {
		root.Close()
		sess.Close()
		return err
	}
	st.inject = []byte(ReloadTag)
	s, err := search.Open(d.cfg.Index, search.Options{})
	if err != nil {
		root.Close()
		sess.Close()
		return err
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	if d.session != nil {
		d.session.Close()
	}
	d.session = sess
	for file := range d.edited {
		if _, err := sess.Update(file); err != nil {
			d.stale = true // the catch-up build reloads the page
		}
	}
	if old := d.static.Swap(&served{st, root}); old != nil {
		old.root.Close()
	}
	if old := d.searcher.Swap(s); old != nil {
		// Let a search under way finish with the old index.
		time.AfterFunc(5*time.Second, func() { old.Close() })
	}
	return nil
}

// hookedIndex calls a test's hook when the build has rendered every page
// and is about to publish.
type hookedIndex struct {
	*search.Indexer
	before func()
}

func (h hookedIndex) Finish() (*publish.Folder, error) {
	h.before()
	return h.Indexer.Finish()
}

// Changed handles the changes of one quiet moment (files under Source, as
// the watcher names them). An edit of one Markdown page, organization or
// page layout is written at once (see site.Session.Update: only what shows
// the file is rendered again) and shown; a full build follows in the
// background for the search index and the HSDS export. Anything the
// session declines is a full build.
func (d *Dev) Changed(names ...string) {
	if len(names) == 1 && d.quick(names[0]) {
		return
	}
	d.Build()
}

// quick publishes an edit through the session, if it can.
func (d *Dev) quick(name string) bool {
	// Any events on one file that is still there are an edit: editors
	// that save through a new file (vim) make a Rename and a Create. A
	// file the site did not have is a full build.
	rel, err := filepath.Rel(d.cfg.Source, name)
	if _, statErr := os.Stat(name); err != nil || statErr != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	d.mu.Lock()
	if d.session == nil {
		d.mu.Unlock()
		return false
	}
	ed, err := d.session.Update(rel)
	ok := err == nil
	if ok {
		d.edited[rel] = true
		d.indexing(true) // under mu, as catchUp clears it: lock order mu, then smu
	}
	start := ok && !d.catching
	if start {
		d.catching = true
	}
	d.mu.Unlock()
	if !ok {
		return false
	}
	took := ed.Took
	fmt.Fprintf(d.cfg.Stdout, "updated %s in %s: %s rendered\n", rel, took.Round(100*time.Microsecond), pages(len(ed.Rendered)))
	d.publish(true, nil, took, false)
	if start {
		go d.catchUp()
	}
	return true
}

// catchUp runs full builds until one has seen every quick update: an
// update made while a build runs sends the loop round again.
func (d *Dev) catchUp() {
	quiet := true
	for {
		d.fullBuild(quiet)
		d.mu.Lock()
		again := len(d.edited) > 0
		quiet = !d.stale
		d.stale = false
		if !again {
			d.catching = false
			d.idle.Broadcast()
			d.indexing(false)
			d.mu.Unlock()
			return
		}
		d.mu.Unlock()
	}
}

// publish records a build's outcome and sends it to every open page.
func (d *Dev) publish(ok bool, ps []Problem, took time.Duration, quiet bool) {
	d.smu.Lock()
	defer d.smu.Unlock()
	if ok {
		if !quiet {
			d.gen++
		}
		// Warnings are printed in the terminal; the overlay is for errors.
		ps = []Problem{}
	}
	d.last = State{Gen: d.gen, Problems: ps, Took: float64(took.Microseconds()) / 1000}
	d.send()
}

// indexing sets State.Indexing and sends the last state again when it
// turns false, so that whoever waits for search to catch up learns it.
func (d *Dev) indexing(on bool) {
	d.smu.Lock()
	defer d.smu.Unlock()
	was := d.behind
	d.behind = on
	if was && !on && d.state != nil {
		d.send()
	}
}

// send sends d.last to every open page; smu is held.
func (d *Dev) send() {
	d.last.Indexing = d.behind
	data, err := json.Marshal(&d.last)
	if err != nil {
		panic(err) // plain strings and numbers
	}
	d.state = data
	for c := range d.clients {
		select {
		case c <- data:
		default: // a slow client misses a state; it gets the next one
		}
	}
}

func (d *Dev) serveSearch(w http.ResponseWriter, r *http.Request) {
	if s := d.searcher.Load(); s != nil {
		s.ServeHTTP(w, r)
		return
	}
	d.serveStatic(w, r)
}

func (d *Dev) serveStatic(w http.ResponseWriter, r *http.Request) {
	s := d.static.Load()
	if s != nil && !s.current(d.cfg.Out) {
		// A build has put its folder in place and is removing the one s
		// serves, before replace serves the new one: a file asked for
		// now would be missing. Wait for the new folder (replace comes
		// right after), a few seconds at most.
		for deadline := time.Now().Add(3 * time.Second); d.static.Load() == s && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		s = d.static.Load()
	}
	if s != nil {
		s.static.ServeHTTP(w, r)
		return
	}
	d.noSite(w)
}

// current reports whether the folder s serves is still the one at out
// (a build swaps a new folder into out's place, then removes the old).
func (s *served) current(out string) bool {
	held, err := s.root.Stat(".")
	if err != nil {
		return false
	}
	now, err := os.Stat(out)
	return err == nil && os.SameFile(held, now)
}

func (d *Dev) serveReload(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == reloadEventsPath {
		d.events(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(reloadJS)
}

// noSite answers while no build has succeeded yet: the problems, and the
// script that reloads the page once they are fixed.
func (d *Dev) noSite(w http.ResponseWriter) {
	d.smu.Lock()
	state := d.state
	d.smu.Unlock()
	var st State
	if state != nil {
		if err := json.Unmarshal(state, &st); err != nil {
			panic(err) // publish wrote it
		}
	}
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>" + ReloadTag + "</head><body><main><h1>The site does not build yet</h1><pre>")
	for _, p := range st.Problems {
		b.WriteString(html.EscapeString(p.Text) + "\n")
	}
	b.WriteString("</pre><p>Fix the files above and save: this page reloads by itself.</p></main></body></html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	io.WriteString(w, b.String())
}

// events streams build states to one page until it goes away.
func (d *Dev) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan []byte, 4)
	d.smu.Lock()
	d.clients[c] = true
	first := d.state
	d.smu.Unlock()
	defer func() {
		d.smu.Lock()
		delete(d.clients, c)
		d.smu.Unlock()
	}()
	send := func(data []byte) bool {
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return false
		}
		fl.Flush()
		return true
	}
	if first != nil && !send(first) {
		return
	}
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-d.ending:
			return
		case data := <-c:
			if !send(data) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// endStreams ends every event stream, so that a shutdown need not wait
// for open pages.
func (d *Dev) endStreams() { d.endOnce.Do(func() { close(d.ending) }) }

// Watch starts watching content/, layouts/ and static/ and returns; the
// changes are handled (see Changed) in the background until ctx ends,
// once they have stopped for a moment: an editor's save is often several
// events, and a git checkout hundreds. Every folder is watched when Watch
// returns.
func (d *Dev) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	for _, dir := range []string{"content", "layouts", "static"} {
		addTree(w, filepath.Join(d.cfg.Source, dir), d.cfg.Stderr)
	}
	go d.watch(ctx, w)
	return nil
}

func (d *Dev) watch(ctx context.Context, w *fsnotify.Watcher) {
	defer w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	names := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name, d.cfg.Stderr) // a new folder, and any made in it already
				}
			}
			names[ev.Name] = true
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(d.cfg.Stderr, "generator: watching files: %v\n", err)
		case <-timer.C:
			if len(names) > 0 {
				list := make([]string, 0, len(names))
				for n := range names {
					list = append(list, n)
				}
				clear(names)
				d.Changed(list...)
			}
		}
	}
}

// addTree watches root and every folder in it. Symbolic links are not
// followed, as the build does not follow them. A folder that cannot be
// read or watched is named on stderr: changes there do not rebuild the
// site. A missing root is not a problem (the bundled layouts are used).
func addTree(w *fsnotify.Watcher, root string, stderr io.Writer) {
	filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			if p != root || !errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(stderr, "generator: cannot watch %s: %v (changes there do not rebuild the site)\n", p, err)
			}
			return nil
		}
		if !e.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(e.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			fmt.Fprintf(stderr, "generator: cannot watch %s: %v (changes there do not rebuild the site)\n", p, err)
		}
		return nil
	})
}

// ignored reports whether a changed file is an editor's scratch file.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".#") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913" ||
		(strings.HasPrefix(base, ".") && strings.HasSuffix(base, ".tmp"))
}

// pages is "1 page" or "N pages".
func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}
