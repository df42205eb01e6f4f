package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/rogpeppe/go-internal/txtar"

	"resourcelib/generator/site"
)

// writeArchive writes a txtar site into a new folder and returns it.
func writeArchive(t *testing.T, archive string) string {
	t.Helper()
	src := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		writeFile(t, filepath.Join(src, filepath.FromSlash(f.Name)), string(f.Data))
	}
	return src
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *lockedBuffer) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Reset()
}

// states reads the dev server's event stream.
func states(t *testing.T, url string) <-chan buildState {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("/_reload: Content-Type %q", ct)
	}
	ch := make(chan buildState, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var last *buildState
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st buildState
				// A state like the last (the catch-up build after a
				// session's update) tells the page nothing new.
				if json.Unmarshal([]byte(data), &st) == nil && (last == nil || st.Gen != last.Gen || !slices.Equal(st.Problems, last.Problems)) {
					last = &st
					ch <- st
				}
			}
		}
	}()
	return ch
}

func next(t *testing.T, ch <-chan buildState, what string) buildState {
	t.Helper()
	select {
	case st := <-ch:
		return st
	case <-time.After(20 * time.Second):
		t.Fatalf("no build state after %s", what)
	}
	return buildState{}
}

// waitCatchUp waits for the full builds that follow a session's update.
func waitCatchUp(t *testing.T, d *devServer) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); d.catching.Load(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the catch-up build never ends")
		}
	}
}

func devGet(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// TestDevServer edits, adds, breaks and fixes files under a running dev
// server, and checks what an open page is told and what it is served.
func TestDevServer(t *testing.T) {
	src := writeArchive(t, `
-- content/site.yaml --
title: Dev
-- content/a.md --
---
title: Page A
---
The first version.
-- content/b.md --
---
title: Page B
---
B.
-- content/q.md --
---
title: Page Q
description: A page with a description, so that its text is on no other page.
---
## Steps

Old text.
`)
	out := filepath.Join(t.TempDir(), "public")
	rules, err := headerRules(src)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr lockedBuffer // the background build writes too
	d := newDevServer(src, out, indexDir(out, ""), site.Options{BaseURL: "http://localhost"}, rules, &stdout, &stderr)
	if !d.rebuild() {
		t.Fatalf("first build failed:\n%s", stderr.String())
	}
	srv := httptest.NewServer(d)
	defer srv.Close()
	defer srv.CloseClientConnections() // the event streams, before Close waits for them
	defer func() {
		if s := d.searcher.Load(); s != nil {
			s.Close()
		}
	}()

	// Pages get the reload script; the built files do not have it.
	code, h, body := devGet(t, srv.URL+"/a/")
	if code != 200 || !strings.Contains(body, reloadTag+"</head>") {
		t.Fatalf("/a/: %d, reload script missing:\n%s", code, body)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("/a/: CSP %q does not allow the reload script", csp)
	}
	if built, _ := os.ReadFile(filepath.Join(out, "a", "index.html")); bytes.Contains(built, []byte("_reload")) {
		t.Errorf("the built page holds the reload script")
	}
	code, h, body = devGet(t, srv.URL+reloadScriptPath)
	if code != 200 || !strings.Contains(h.Get("Content-Type"), "javascript") || !strings.Contains(body, "EventSource") {
		t.Errorf("%s: %d %q", reloadScriptPath, code, h.Get("Content-Type"))
	}

	ch := states(t, srv.URL+reloadEventsPath)
	first := next(t, ch, "connecting")
	if first.Gen != 1 || len(first.Problems) != 0 {
		t.Fatalf("first state: %+v", first)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go d.watch(ctx)
	time.Sleep(100 * time.Millisecond) // let the watcher start

	// An edit reloads the page, which then shows it; search finds it.
	writeFile(t, filepath.Join(src, "content/a.md"), "---\ntitle: Page A\n---\nThe zanzibar version.\n")
	if st := next(t, ch, "an edit"); st.Gen != 2 || len(st.Problems) != 0 {
		t.Fatalf("after an edit: %+v", st)
	}
	if _, _, body := devGet(t, srv.URL+"/a/"); !strings.Contains(body, "zanzibar") {
		t.Errorf("/a/ does not show the edit")
	}
	// The edit was published by the session; the search index catches up
	// in the full build that follows.
	waitCatchUp(t, d)
	if _, _, body := devGet(t, srv.URL+"/api/search?q=zanzibar"); !strings.Contains(body, `"/a/"`) {
		t.Errorf("search does not find the edit: %s", body)
	}

	// A new folder is watched too.
	writeFile(t, filepath.Join(src, "content/new/c.md"), "---\ntitle: Page C\n---\nNew.\n")
	if st := next(t, ch, "a new folder"); st.Gen != 3 {
		t.Fatalf("after a new folder: %+v", st)
	}
	time.Sleep(100 * time.Millisecond)
	writeFile(t, filepath.Join(src, "content/new/c.md"), "---\ntitle: Page C\n---\nNewer.\n")
	if st := next(t, ch, "an edit in a new folder"); st.Gen != 4 {
		t.Fatalf("after an edit in the new folder: %+v", st)
	}
	if _, _, body := devGet(t, srv.URL+"/new/c/"); !strings.Contains(body, "Newer.") {
		t.Errorf("/new/c/ does not show the edit")
	}
	waitCatchUp(t, d)

	// A mistake is shown with its place, and the last good site is served.
	writeFile(t, filepath.Join(src, "content/b.md"), "---\ntitle: Page B\nweight: heavy\n---\nB.\n")
	st := next(t, ch, "a mistake")
	if st.Gen != 4 || len(st.Problems) != 1 || st.Problems[0].Text != "content/b.md:3:9: error: `weight` must be a whole number, not `heavy`" {
		t.Fatalf("after a mistake: %+v", st)
	}
	if !strings.Contains(stderr.String(), "content/b.md:3:9: error: `weight` must be a whole number") {
		t.Errorf("the terminal does not show the mistake:\n%s", stderr.String())
	}
	if code, _, _ := devGet(t, srv.URL+"/b/"); code != 200 {
		t.Errorf("/b/: %d while the site is broken", code)
	}
	// A page opened now learns of the problem at once.
	if st := next(t, states(t, srv.URL+reloadEventsPath), "connecting"); len(st.Problems) != 1 {
		t.Errorf("a new page is not told of the problem: %+v", st)
	}

	// Fixing it recovers without a restart.
	writeFile(t, filepath.Join(src, "content/b.md"), "---\ntitle: Page B\nweight: 2\n---\nB fixed.\n")
	if st := next(t, ch, "the fix"); st.Gen != 5 || len(st.Problems) != 0 {
		t.Fatalf("after the fix: %+v", st)
	}
	if _, _, body := devGet(t, srv.URL+"/b/"); !strings.Contains(body, "B fixed.") {
		t.Errorf("/b/ does not show the fix")
	}

	// An edit to the text of a page that no other page shows is written at
	// once; a full build follows in the background, for the search index.
	stdout.Reset()
	start := time.Now()
	writeFile(t, filepath.Join(src, "content/q.md"), "---\ntitle: Page Q\ndescription: A page with a description, so that its text is on no other page.\n---\n## Steps\n\nThe kumquat text.\n")
	if st := next(t, ch, "a quick edit"); st.Gen != 6 || len(st.Problems) != 0 {
		t.Fatalf("after a quick edit: %+v", st)
	}
	t.Logf("quick edit shown %v after the write", time.Since(start))
	if _, _, body := devGet(t, srv.URL+"/q/"); !strings.Contains(body, "kumquat") {
		t.Errorf("/q/ does not show the quick edit")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, _, body := devGet(t, srv.URL+"/api/search?q=kumquat"); strings.Contains(body, `"/q/"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("search never finds the quick edit")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(stdout.String(), "updated content/q.md in ") {
		t.Errorf("the terminal does not show a quick update:\n%s", stdout.String())
	}
	// The background build reloads no page.
	for len(ch) > 0 {
		if st := <-ch; st.Gen != 6 {
			t.Errorf("the background build reloaded the page: %+v", st)
		}
	}

	// A new title shows in lists and feeds: the session renders them too.
	stdout.Reset()
	writeFile(t, filepath.Join(src, "content/q.md"), "---\ntitle: Page Q renamed\ndescription: A page with a description, so that its text is on no other page.\n---\n## Steps\n\nThe kumquat text.\n")
	for {
		st := next(t, ch, "a new title")
		if st.Gen == 7 {
			break
		}
	}
	if _, _, body := devGet(t, srv.URL+"/index.xml"); !strings.Contains(body, "Page Q renamed") {
		t.Errorf("the feed does not have the new title")
	}
	if !strings.Contains(stdout.String(), "updated content/q.md in ") {
		t.Errorf("a new title was not a quick update:\n%s", stdout.String())
	}
	waitCatchUp(t, d)
}

// TestDevServerBrokenStart serves a site whose first build fails: every
// page is the list of problems, until they are fixed.
func TestDevServerBrokenStart(t *testing.T) {
	src := writeArchive(t, `
-- content/a.md --
---
title: A
draft: maybe
---
`)
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	d := newDevServer(src, out, indexDir(out, ""), site.Options{}, nil, &stdout, &stderr)
	if d.rebuild() {
		t.Fatal("the first build succeeded")
	}
	srv := httptest.NewServer(d)
	defer srv.Close()
	code, _, body := devGet(t, srv.URL+"/a/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "content/a.md:3:8: error: `draft` must be true or false, not `maybe`") || !strings.Contains(body, reloadTag) {
		t.Errorf("/a/: %d\n%s", code, body)
	}
	writeFile(t, filepath.Join(src, "content/a.md"), "---\ntitle: A\n---\nFixed.\n")
	if !d.rebuild() {
		t.Fatalf("the fixed build failed:\n%s", stderr.String())
	}
	defer d.searcher.Load().Close()
	if code, _, body := devGet(t, srv.URL+"/a/"); code != 200 || !strings.Contains(body, "Fixed.") {
		t.Errorf("/a/ after the fix: %d", code)
	}
}

// TestAdminHeaders checks netlify.toml's blocks as serve applies them:
// every block whose path matches, the later winning for a header both
// set. The admin gets its own policy; every other path keeps the strict one.
func TestAdminHeaders(t *testing.T) {
	dir := buildSite(t, serveSite)
	h := newTestHandler(t, dir)
	for _, tt := range []struct {
		path       string
		thirdParty bool
	}{
		{"/", false},
		{"/a/b/", false},
		{"/admin/", true},
		{"/admin/config.yml", true},
		{"/administrator/", false},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		csp := rec.Header().Values("Content-Security-Policy")
		if len(csp) != 1 {
			t.Errorf("%s: %d Content-Security-Policy headers, want 1", tt.path, len(csp))
			continue
		}
		if got := strings.Contains(csp[0], "https://unpkg.com"); got != tt.thirdParty {
			t.Errorf("%s: CSP allows unpkg.com: %v, want %v (%s)", tt.path, got, tt.thirdParty, csp[0])
		}
		if !strings.Contains(csp[0], "frame-ancestors 'none'") || !strings.Contains(csp[0], "object-src 'none'") {
			t.Errorf("%s: CSP lost its other rules: %s", tt.path, csp[0])
		}
		if rec.Header().Get("X-Frame-Options") != "DENY" || rec.Header().Get("Strict-Transport-Security") == "" {
			t.Errorf("%s: the site-wide headers are missing", tt.path)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/admin/", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), site.DecapIntegrity) {
		t.Errorf("/admin/: %d, no pinned Decap script", rec.Code)
	}
}

// TestAddTreeSaysWhatItCannotWatch: a folder the watcher cannot add is
// named on stderr, not left unwatched without a word; a missing root is
// not a problem.
func TestAddTreeSaysWhatItCannotWatch(t *testing.T) {
	t.Parallel()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	w.Close() // every Add fails
	dir := t.TempDir()
	var stderr bytes.Buffer
	addTree(w, filepath.Join(dir, "missing"), &stderr)
	if stderr.Len() != 0 {
		t.Errorf("a missing folder: %s", stderr.String())
	}
	addTree(w, dir, &stderr)
	if want := "generator: cannot watch " + dir + ": "; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr %q, want it to start with %q", stderr.String(), want)
	}
}
