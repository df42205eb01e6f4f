package main

import (
	"bytes"
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

	"resourcelib"
	"resourcelib/generator/diag"
	"resourcelib/generator/search"
	"resourcelib/generator/searchdoc"
	"resourcelib/generator/site"
)

// The dev server (serve) rebuilds the site when a file of content/,
// layouts/ or static/ changes, and tells open pages through Server-Sent
// Events: a good build reloads them, a broken one shows its problems over
// the page. An edit to one page's text alone is written at once through a
// site.Session, and a full build follows in the background (for the search
// index) without reloading anything. The page subscribes with /_reload.js, a file this server adds
// to every HTML page it sends; the built files never hold it, and the
// Content-Security-Policy (script-src 'self', connect-src 'self') allows it
// as it is.

//go:embed reload.js
var reloadJS []byte

const (
	reloadScriptPath = "/_reload.js"
	reloadEventsPath = "/_reload"
	reloadTag        = `<script src="/_reload.js" defer></script>`
	debounce         = 30 * time.Millisecond
)

// buildState is what the browser is told after each build.
type buildState struct {
	Gen      int64     `json:"gen"` // counts good builds: a new one means reload
	Problems []problem `json:"problems"`
	Took     float64   `json:"took_ms"`
}

type problem struct {
	Text     string `json:"text"` // path:line:col: error: message (hint)
	Severity string `json:"severity"`
}

// devServer builds a site, serves it, and rebuilds it on changes.
type devServer struct {
	source, out, index string
	opts               site.Options
	rules              []headerRule
	stdout, stderr     io.Writer

	static   atomic.Pointer[staticHandler]
	searcher atomic.Pointer[search.Handler]
	session  atomic.Pointer[site.Session] // the last good build, for quick updates
	version  atomic.Int64                 // counts quick updates
	catching atomic.Bool                  // a catch-up build is running

	mu      sync.Mutex // guards state and clients
	gen     int64
	state   []byte // the last buildState, as JSON
	clients map[chan []byte]bool

	building sync.Mutex // one build at a time
}

func newDevServer(source, out, index string, opts site.Options, rules []headerRule, stdout, stderr io.Writer) *devServer {
	return &devServer{source: source, out: out, index: index, opts: opts, rules: rules,
		stdout: stdout, stderr: stderr, clients: map[chan []byte]bool{}}
}

// rebuild builds the whole site into the output folder (replaced only on
// success), reopens the output and the search index, and tells every open
// page. It returns false if the build failed.
func (d *devServer) rebuild() bool { return d.fullBuild(false) }

// fullBuild builds everything. quiet is for the build that follows a quick
// update: the page is already shown, so a good build reloads no page.
func (d *devServer) fullBuild(quiet bool) bool {
	d.building.Lock()
	defer d.building.Unlock()
	start := time.Now()
	src, err := sourceFS(d.source)
	var res site.Result
	var sess *site.Session
	var ix *search.Indexer
	if err == nil {
		ix, err = search.NewIndexer(d.index)
	}
	if err == nil {
		opts := d.opts
		opts.Source, opts.Theme, opts.Out, opts.Index = src, resourcelib.Bundle, d.out, ix
		opts.Extra = publishHSDS
		sess, res, err = site.BuildSession(opts)
	}
	took := time.Since(start)
	var ps []problem
	for _, p := range res.Problems {
		ps = append(ps, problem{Text: p.Error(), Severity: p.Severity.String()})
	}
	if err != nil {
		var le *diag.ListError
		if len(ps) == 0 || !asListError(err, &le) {
			ps = append(ps, problem{Text: "generator: " + err.Error(), Severity: "error"})
		}
		printProblems(d.stderr, res.Problems)
		if !asListError(err, &le) {
			fmt.Fprintf(d.stderr, "generator: %v\n", err)
		}
		d.publish(false, ps, took, false)
		return false
	}
	if old := d.session.Swap(sess); old != nil {
		old.Close()
	}
	for _, p := range res.Problems {
		fmt.Fprintln(d.stderr, p.Error())
	}
	if err := d.reopen(); err != nil {
		fmt.Fprintf(d.stderr, "generator: %v\n", err)
		d.publish(false, []problem{{Text: "generator: " + err.Error(), Severity: "error"}}, took, false)
		return false
	}
	fmt.Fprintf(d.stdout, "built %s in %s\n", plural(res.Pages, "page"), took.Round(time.Millisecond))
	d.publish(true, ps, took, quiet)
	return true
}

// changed handles the changes of one quiet moment. An edit to the text of
// one Markdown page is written at once (see site.Session) and shown; a
// full build follows in the background for the search index. Anything
// else is a full build.
func (d *devServer) changed(names map[string]fsnotify.Op) {
	if len(names) == 1 {
		for name := range names {
			// Any events on one file that is still there are an edit:
			// editors that save through a new file (vim) make a Rename and
			// a Create. A file the site did not have is a full build.
			rel, err := filepath.Rel(d.source, name)
			sess := d.session.Load()
			if _, statErr := os.Stat(name); err == nil && statErr == nil && sess != nil {
				rel = filepath.ToSlash(rel)
				if ed, err := sess.Update(rel); err == nil {
					took := ed.Took
					d.version.Add(1)
					fmt.Fprintf(d.stdout, "updated %s in %s: %s rendered\n", rel, took.Round(100*time.Microsecond), plural(len(ed.Rendered), "page"))
					d.catchUp() // first, so that a page told of the edit finds it running
					d.publish(true, nil, took, false)
					return
				}
			}
		}
	}
	d.rebuild()
}

// catchUp runs full builds in the background until one has seen every
// quick update.
func (d *devServer) catchUp() {
	if !d.catching.CompareAndSwap(false, true) {
		return // the running one will see the new version and go again
	}
	go func() {
		for {
			v := d.version.Load()
			d.fullBuild(true)
			if d.version.Load() == v {
				break
			}
		}
		d.catching.Store(false)
	}()
}

func asListError(err error, le **diag.ListError) bool {
	e, ok := err.(*diag.ListError)
	if ok {
		*le = e
	}
	return ok
}

// reopen points the handlers at the new output and index: the build
// replaced both folders, so the old handles name removed files.
func (d *devServer) reopen() error {
	h, err := newStaticHandler(d.out, d.rules)
	if err != nil {
		return err
	}
	h.inject = []byte(reloadTag)
	s, err := search.Open(d.index, search.Options{})
	if err != nil {
		return err
	}
	if old := d.static.Swap(h); old != nil {
		old.root.Close()
	}
	if old := d.searcher.Swap(s); old != nil {
		// Let a search under way finish with the old index.
		time.AfterFunc(5*time.Second, func() { old.Close() })
	}
	return nil
}

// publish records a build's outcome and sends it to every open page.
func (d *devServer) publish(ok bool, ps []problem, took time.Duration, quiet bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if ok {
		if !quiet {
			d.gen++
		}
		// Warnings are printed in the terminal; the overlay is for errors.
		ps = []problem{}
	}
	data, _ := json.Marshal(&buildState{Gen: d.gen, Problems: ps, Took: float64(took.Microseconds()) / 1000})
	d.state = data
	for c := range d.clients {
		select {
		case c <- data:
		default: // a slow client misses a state; it gets the next one
		}
	}
}

func (d *devServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case reloadEventsPath:
		d.events(w, r)
		return
	case reloadScriptPath:
		for _, rule := range d.rules {
			if matchNetlify(rule.For, r.URL.Path) {
				for k, v := range rule.Values {
					w.Header().Set(k, v)
				}
			}
		}
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	}
	if searchdoc.IsPath(r.URL.Path) {
		if s := d.searcher.Load(); s != nil {
			s.ServeHTTP(w, r)
			return
		}
	}
	if h := d.static.Load(); h != nil {
		h.ServeHTTP(w, r)
		return
	}
	d.noSite(w)
}

// noSite answers while no build has succeeded yet: the problems, and the
// script that reloads the page once they are fixed.
func (d *devServer) noSite(w http.ResponseWriter) {
	d.mu.Lock()
	state := d.state
	d.mu.Unlock()
	var st buildState
	json.Unmarshal(state, &st)
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>" + reloadTag + "</head><body><main><h1>The site does not build yet</h1><pre>")
	for _, p := range st.Problems {
		b.WriteString(html.EscapeString(p.Text) + "\n")
	}
	b.WriteString("</pre><p>Fix the files above and save: this page reloads by itself.</p></main></body></html>\n")
	for _, rule := range d.rules {
		if matchNetlify(rule.For, "/") {
			for k, v := range rule.Values {
				w.Header().Set(k, v)
			}
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	io.WriteString(w, b.String())
}

// events streams build states to one page until it goes away.
func (d *devServer) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan []byte, 4)
	d.mu.Lock()
	d.clients[c] = true
	first := d.state
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.clients, c)
		d.mu.Unlock()
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

// watch rebuilds the site after changes under content/, layouts/ and
// static/, waiting until the changes have stopped for a moment: an editor's
// save is often several events, and a git checkout hundreds.
func (d *devServer) watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, dir := range []string{"content", "layouts", "static"} {
		addTree(w, filepath.Join(d.source, dir), d.stderr)
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := false
	names := map[string]fsnotify.Op{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name, d.stderr) // a new folder, and any made in it already
				}
			}
			pending = true
			names[ev.Name] |= ev.Op
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(d.stderr, "generator: watching files: %v\n", err)
		case <-timer.C:
			if pending {
				pending = false
				d.changed(names)
				names = map[string]fsnotify.Op{}
			}
		}
	}
}

// addTree watches a folder and every folder under it. Symbolic links are
// not followed, as the build does not follow them.
// addTree watches root and every folder in it. A folder that cannot be
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

// injectReload puts the reload script into an HTML page, before </head>.
func injectReload(page, tag []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
