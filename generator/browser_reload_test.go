package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"resourcelib"
	"resourcelib/generator/server"
	"resourcelib/generator/site"
)

// TestBrowserReload opens a page of a site under the dev server in
// Chromium, then edits, breaks and fixes files: the page changes without a
// manual reload, a mistake shows over it with its file, line and column,
// and the fix clears it. The reload script runs under the site's own
// Content-Security-Policy, with no violation and no request to another host.
func TestBrowserReload(t *testing.T) {
	browser := newBrowser(t)
	src := writeArchive(t, `
-- content/site.yaml --
title: Reload
-- content/a.md --
---
title: Page A
description: A page whose text is on no other page.
---
## Text

The first version.
-- content/b.md --
---
title: Page B
---
B.
`)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	out := filepath.Join(t.TempDir(), "public")
	rules, err := server.LoadHeaders("..") // the repository's netlify.toml
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr lockedBuffer
	d := server.NewDev(server.DevConfig{Source: src, Out: out, Index: indexDir(out, ""),
		Options: site.Options{Theme: resourcelib.Bundle, BaseURL: base}, Rules: rules, Stdout: &stdout, Stderr: &stderr})
	if !d.Build() {
		t.Fatalf("the first build failed:\n%s", stderr.String())
	}
	srv := &http.Server{Handler: d, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	ctx, cancel := context.WithCancel(context.Background())
	if err := d.Watch(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		shut, done := context.WithTimeout(context.Background(), time.Second)
		defer done()
		srv.Shutdown(shut)
		srv.Close() // the event streams stay open
		d.Close()   // after a background build
	})

	tb := newTab(t, browser, &servedSite{URL: base}, true)
	tb.visit("/a/")
	waitEval(tb, `!!window.EventSource && document.querySelector('script[src="/_reload.js"]') !== null`, "the reload script")
	// The stream's first message is the build the page came from: an
	// edit saved before it arrives would be taken for that build.
	waitEval(tb, `document.documentElement.dataset.devReload === "listening"`, "the reload stream's first message")
	eval[bool](tb, `window.notReloaded = true`)

	// An edit shows without a manual reload.
	writeFile(t, filepath.Join(src, "content/a.md"), "---\ntitle: Page A\ndescription: A page whose text is on no other page.\n---\n## Text\n\nThe second version.\n")
	waitEval(tb, `document.body.textContent.includes("The second version.")`, "the edit to show")
	if eval[bool](tb, `window.notReloaded === true`) {
		t.Errorf("the page shows the edit without having reloaded")
	}
	if !strings.Contains(stdout.String(), "updated content/a.md") {
		t.Logf("the edit was not a quick update:\n%s", stdout.String())
	}

	// A mistake shows over the page, with its place.
	writeFile(t, filepath.Join(src, "content/b.md"), "---\ntitle: Page B\nweight: heavy\n---\nB.\n")
	waitEval(tb, `(document.getElementById("dev-build-problems") || {textContent: ""}).textContent.includes("content/b.md:3:9: error: `+"`weight`"+` must be a whole number, not `+"`heavy`"+`")`, "the overlay")
	if role := eval[string](tb, `document.getElementById("dev-build-problems").getAttribute("role")`); role != "alert" {
		t.Errorf("the overlay's role is %q, want alert", role)
	}

	// The fix clears it, without a restart.
	writeFile(t, filepath.Join(src, "content/b.md"), "---\ntitle: Page B\nweight: 2\n---\nB.\n")
	waitEval(tb, `document.getElementById("dev-build-problems") === null && document.body.textContent.includes("The second version.")`, "the overlay to go")
	tb.checkClean("dev server reload")
}

// waitEval waits until a JavaScript expression is true in the tab.
func waitEval(tb *tab, expr, what string) {
	tb.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
		ok, err := chromedpEvalBool(ctx, expr)
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("waited 30s for %s (%v)", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func chromedpEvalBool(ctx context.Context, expr string) (bool, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
}

// TestBrowserReloadIndexing drives the reload script with a stream the
// test writes itself: while a state says the search index is behind a
// quick update (indexing), the page shows a note saying so, and the next
// state of the same build removes it without reloading the page.
func TestBrowserReloadIndexing(t *testing.T) {
	browser := newBrowser(t)
	script, err := os.ReadFile("server/reload.js")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := server.LoadHeaders("..") // the policy the script runs under
	if err != nil {
		t.Fatal(err)
	}
	caughtUp := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page</title><link rel="icon" href="data:,">`+
			server.ReloadTag+`</head><body><p>Page.</p></body></html>`)
	})
	mux.HandleFunc("/_reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(script)
	})
	mux.HandleFunc("/_reload", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		send := func(st server.State) {
			data, _ := json.Marshal(st)
			fmt.Fprintf(w, "data: %s\n\n", data)
			w.(http.Flusher).Flush()
		}
		send(server.State{Gen: 1, Indexing: true})
		select {
		case <-caughtUp:
			send(server.State{Gen: 1})
		case <-r.Context().Done():
			return
		}
		<-r.Context().Done()
	})
	srv := httptest.NewServer(server.WithHeaders(rules, mux))
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})

	tb := newTab(t, browser, &servedSite{URL: srv.URL}, true)
	tb.visit("/")
	waitEval(tb, `document.getElementById("dev-indexing") !== null`, "the indexing note")
	if text := eval[string](tb, `document.getElementById("dev-indexing").textContent`); !strings.Contains(text, "Search is catching up") {
		t.Errorf("the note says %q", text)
	}
	if role := eval[string](tb, `document.getElementById("dev-indexing").getAttribute("role")`); role != "status" {
		t.Errorf("the note's role is %q, want status", role)
	}
	eval[bool](tb, `window.notReloaded = true`)
	close(caughtUp)
	waitEval(tb, `document.getElementById("dev-indexing") === null`, "the note to go")
	if !eval[bool](tb, `window.notReloaded === true`) {
		t.Errorf("the page reloaded when only the index caught up")
	}
	tb.checkClean("reload indexing note")
}
