package main

// The browser tests run the bundled site in Debian's Chromium, driven by
// chromedp over the DevTools protocol, as a reader would meet it: served by
// the same handler as `generator serve` (the static handler with
// netlify.toml's headers, and the search routes), on 127.0.0.1.
//
// They are in package main because they build the bundled site with the
// build command's own function (build); the handler is package server's
// (LoadHeaders, NewStatic, NewHandler), as in `generator serve`.
//
// They run under CI (CI set), and skip elsewhere with one line saying how
// to run them (`CI=1 go test ./generator -run Browser`): they take
// minutes, more than all the other tests together. The browser is found as
// $CHROME_PATH or `chromium` on $PATH; under CI a missing one is a
// failure (.ci/run installs chromium). axe-core comes from tools/audit/node_modules
// (`npm ci` in tools/audit), under the same rule.
//
// Every request a page makes passes through the Fetch domain: requests to
// 127.0.0.1 go on, and any other is recorded as a failure and answered by
// the test with a stand-in page, so that no test ever reaches another host
// (the quick exit's neutral site included).
//
// Screenshots of each page type, 360 and 1280 px wide, are written to
// $SCREENSHOT_DIR, or screenshots/ at the top of the repository.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"resourcelib/generator/search"
	"resourcelib/generator/server"
	"resourcelib/generator/site"
	"resourcelib/internal/testenv"
)

// Time limits. Every wait in these tests is bounded by one of them.
const (
	browserStartTimeout = 60 * time.Second
	loadTimeout         = 20 * time.Second // a navigation, to its load event
	stepTimeout         = 10 * time.Second // one action or wait on a loaded page
)

// chromiumFlags are the flags, exactly; chromedp adds only the pipe
// it talks over, and UserDataDir a fresh profile.
var chromiumFlags = []string{
	"headless", "no-sandbox", "disable-gpu", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync",
}

// needed skips the test, or fails it under CI, when something it needs is
// missing.
func needed(t *testing.T, format string, args ...any) {
	t.Helper()
	testenv.Need(t, "browser tests: "+format, args...)
}

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			needed(t, "CHROME_PATH is %s: %v", p, err)
		}
		return p
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		needed(t, "no Chromium found (install Debian's chromium package, `apt-get install -y chromium`, or set CHROME_PATH)")
	}
	return p
}

// newBrowser starts Chromium and returns a context for new tabs. It is
// closed when the test ends. Outside CI it skips the test: every browser
// test starts here, so each one follows that rule.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	testenv.CIOnly(t, "browser test (Chromium)", "CI=1 go test ./generator -run Browser")
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromiumPath(t))}
	for _, f := range chromiumFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	opts = append(opts, chromedp.UserDataDir(t.TempDir()))
	var out syncWriter
	opts = append(opts, chromedp.CombinedOutput(&out))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Do starts the browser and binds its life to ctx, so it
	// must not get a context with a deadline: a timer cancels it instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("chromium did not start: %v\n%s", err, out.String())
		}
	case <-time.After(browserStartTimeout):
		cancel()
		t.Fatalf("chromium did not start within %v\n%s", browserStartTimeout, out.String())
	}
	return ctx
}

type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// servedSite is the bundled site, built with its search index and served
// on 127.0.0.1 as `generator serve` serves it.
type servedSite struct {
	URL     string // http://127.0.0.1:PORT, no trailing slash
	Dir     string // the built site
	ExitURL string // the site's quick_exit_url
}

func serveBundled(t *testing.T) *servedSite {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	dir := filepath.Join(t.TempDir(), "public")
	index := indexDir(dir, "")
	var stdout, stderr bytes.Buffer
	// The admin's config needs a repository to name; nothing asks GitHub.
	opts := site.Options{BaseURL: base, Repository: "example/resource-library"}
	if code := build(opts, "..", dir, index, &stdout, &stderr); code != 0 {
		ln.Close()
		t.Fatalf("build exited %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	searcher, err := search.Open(index, search.Options{})
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	rules, err := server.LoadHeaders("..")
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	static, err := server.NewStatic(root.FS())
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	h := server.NewHandler(server.Handlers{Rules: rules, Static: static, Search: searcher})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		searcher.Close()
		root.Close()
	})
	cfg, err := os.ReadFile("../content/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := &servedSite{URL: base, Dir: dir}
	for line := range strings.Lines(string(cfg)) {
		if v, ok := strings.CutPrefix(line, "quick_exit_url:"); ok {
			s.ExitURL, _, _ = strings.Cut(strings.TrimSpace(v), " ")
		}
	}
	if s.ExitURL == "" {
		t.Fatal("content/site.yaml has no quick_exit_url")
	}
	return s
}

// tab is one browser tab and what it saw since the last reset: every
// request, every request to another host, console errors and exceptions,
// and Content-Security-Policy violations.
type tab struct {
	t    *testing.T
	ctx  context.Context
	site *servedSite

	mu        sync.Mutex
	requests  []string
	offsite   []string
	problems  []string // console errors, uncaught exceptions, failed loads
	csp       []string
	hold      chan fetch.EventRequestPaused // when set, offsite requests wait here
	exitState []string                      // what the page looked like as it left (see cspProbe)
}

// standIn is what the tests answer for any other host: the quick exit's
// neutral site, or a third-party resource that a page should not ask for.
const standIn = `<!doctype html><html lang="en"><title>Neutral site</title><p>Neutral stand-in page.</p></html>`

// cspProbe runs before any page script and turns each CSP violation into a
// console message the tab records. Chromium reports violations in its log
// too; this catches them with their directive and blocked address.
//
// It also reports the page's state the moment the quick exit marks it
// "exiting": while the neutral site loads, the DevTools protocol cannot
// evaluate anything in the page being left (a new renderer process is
// waiting for it), but the page's own console messages still arrive.
const cspProbe = `document.addEventListener("securitypolicyviolation", function (e) {
	console.error("CSP violation: " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
}, true);
document.addEventListener("DOMContentLoaded", function () {
	new MutationObserver(function () {
		if (!document.body.classList.contains("exiting")) return;
		var shown = [].filter.call(document.body.children, function (e) { return getComputedStyle(e).visibility !== "hidden"; });
		console.info("exit-state " + JSON.stringify({title: document.title, shown: shown.length}));
	}).observe(document.body, {attributes: true, attributeFilter: ["class"]});
});`

// newTab opens a tab. With js false, the page's scripts are disabled
// before anything loads, as for a reader who has turned JavaScript off.
func newTab(t *testing.T, browser context.Context, s *servedSite, js bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, site: s}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	if err := chromedp.Listen(ctx, tb.record); err != nil {
		t.Fatal(err)
	}
	go tb.serveRequests(paused)
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tt, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
			return err
		}
		if !js {
			_, err := cdp.Call(ctx, tt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}
		_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe})
		return err
	}))
	return tb
}

// record runs in chromedp's event loop: it must be quick and send nothing.
func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeInfo:
		default:
			return
		}
		var parts []string
		for _, a := range ev.Args {
			var str string
			if json.Unmarshal(a.Value, &str) == nil {
				parts = append(parts, str)
			} else if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		msg := strings.Join(parts, " ")
		if ev.Type == runtime.ConsoleAPICalledTypeInfo {
			if state, ok := strings.CutPrefix(msg, "exit-state "); ok {
				tb.exitState = append(tb.exitState, state)
			}
			return
		}
		if strings.HasPrefix(msg, "CSP violation") {
			tb.csp = append(tb.csp, msg)
		} else {
			tb.problems = append(tb.problems, "console."+string(ev.Type)+": "+msg)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		tb.problems = append(tb.problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level != cdplog.EntryLevelError && e.Level != cdplog.EntryLevelWarning {
			return
		}
		msg := fmt.Sprintf("log (%s, %s): %s %s", e.Source, e.Level, e.Text, e.URL)
		if strings.Contains(e.Text, "Content Security Policy") || strings.Contains(e.Text, "Content-Security-Policy") {
			tb.csp = append(tb.csp, msg)
		} else {
			tb.problems = append(tb.problems, msg)
		}
	}
}

// serveRequests lets requests to the test server go on and answers every
// other one itself, so no test reaches the internet.
func (tb *tab) serveRequests(paused iter.Seq2[fetch.EventRequestPaused, error]) {
	for ev, err := range paused {
		if err != nil {
			return
		}
		if local(ev.Request.URL) {
			chromedp.Call(tb.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			continue
		}
		tb.mu.Lock()
		tb.offsite = append(tb.offsite, ev.Request.URL)
		hold := tb.hold
		tb.mu.Unlock()
		if hold != nil {
			select {
			case hold <- ev:
				continue
			default:
			}
		}
		fulfill(tb.ctx, ev)
	}
}

func fulfill(ctx context.Context, ev fetch.EventRequestPaused) error {
	_, err := chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID:       ev.RequestID,
		ResponseCode:    200,
		ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html; charset=utf-8"}},
		Body:            []byte(standIn),
	})
	return err
}

// local reports whether an address is the test server's host (or needs
// no network at all).
func local(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true
	}
	return p.Hostname() == "127.0.0.1"
}

func (tb *tab) reset() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.requests, tb.offsite, tb.problems, tb.csp, tb.exitState = nil, nil, nil, nil, nil
}

// seen returns copies of what the tab recorded.
func (tb *tab) seen() (requests, offsite, problems, csp []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.requests), slices.Clone(tb.offsite), slices.Clone(tb.problems), slices.Clone(tb.csp)
}

// do runs actions, each with stepTimeout, and fails the test on an error.
func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	for _, s := range steps {
		ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
		err := chromedp.Do(ctx, s)
		cancel()
		if err != nil {
			tb.t.Fatal(err)
		}
	}
}

// get runs one action that returns a value, with stepTimeout.
func get[T any](tb *tab, a chromedp.Action[T]) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		tb.t.Fatal(err)
	}
	return v
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	return get(tb, chromedp.Evaluate[T](expr))
}

// visit resets the records and loads a path of the site.
func (tb *tab) visit(path string) {
	tb.t.Helper()
	tb.reset()
	ctx, cancel := context.WithTimeout(tb.ctx, loadTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.site.URL+path)); err != nil {
		tb.t.Fatalf("load %s: %v", path, err)
	}
}

// location is the tab's current address, read from its history so that
// it works with JavaScript off.
func (tb *tab) location() string {
	tb.t.Helper()
	h := get(tb, chromedp.NavigationEntries())
	return h.Entries[h.CurrentIndex].URL
}

// waitLocation waits until the tab's address satisfies ok.
func (tb *tab) waitLocation(what string, ok func(string) bool) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, loadTimeout)
	defer cancel()
	var u string
	var err error
	for {
		// While a navigation commits, the tab can answer "Not attached to
		// an active page": ask again.
		var h page.GetNavigationHistoryResult
		if h, err = chromedp.Run(ctx, chromedp.NavigationEntries()); err == nil {
			if u = h.Entries[h.CurrentIndex].URL; ok(u) {
				return u
			}
		}
		select {
		case <-ctx.Done():
			tb.t.Fatalf("waited %v for %s; the tab is at %s (%v)", loadTimeout, what, u, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// start runs an action without waiting for its end: for the input event
// that starts a navigation, whose answer can wait for that navigation.
func (tb *tab) start(a chromedp.Action[chromedp.Void]) <-chan error {
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(tb.ctx, loadTimeout)
		defer cancel()
		done <- chromedp.Do(ctx, a)
	}()
	return done
}

// enter presses Enter as a keydown that a page can cancel: chromedp's
// KeyEvent also sends a separate char event, which would submit the form
// even though the keydown was cancelled (see chromedp's docs/API.md, 20).
var enter = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
		})
		if err != nil {
			return err
		}
	}
	return nil
})

// waitOffsite waits for a held offsite request (see tab.hold).
func (tb *tab) waitOffsite(what string) fetch.EventRequestPaused {
	tb.t.Helper()
	select {
	case ev := <-tb.hold:
		return ev
	case <-time.After(stepTimeout):
		tb.t.Fatalf("%s: no request left the site within %v", what, stepTimeout)
	}
	panic("unreachable")
}

// holdOffsite makes offsite requests wait in tb.hold for the test to
// answer, so it can look at the page while the navigation is pending.
func (tb *tab) holdOffsite() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.hold = make(chan fetch.EventRequestPaused, 4)
}

// checkClean fails the test for any request to another host, console
// error, exception, failed load or CSP violation since the last reset.
// allow lists substrings of problems that are expected (the 404 page's own
// status).
func (tb *tab) checkClean(name string, allow ...string) {
	tb.t.Helper()
	// Let late events (a deferred script's error) arrive; a round trip
	// that needs no JavaScript.
	time.Sleep(100 * time.Millisecond)
	get(tb, chromedp.NavigationEntries())
	requests, offsite, problems, csp := tb.seen()
	if len(requests) == 0 {
		tb.t.Errorf("%s: recorded no request at all: the recorder is broken", name)
	}
	for _, u := range offsite {
		tb.t.Errorf("%s: request to another host: %s", name, u)
	}
	for _, u := range requests {
		if !local(u) {
			tb.t.Errorf("%s: request to another host (network log): %s", name, u)
		}
	}
next:
	for _, p := range problems {
		for _, a := range allow {
			if strings.Contains(p, a) {
				continue next
			}
		}
		tb.t.Errorf("%s: %s", name, p)
	}
	for _, c := range csp {
		tb.t.Errorf("%s: %s", name, c)
	}
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join("..", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// setWidth emulates a screen width in CSS pixels (height 800): a phone,
// with its overlay scrollbars, below 600 px.
func (tb *tab) setWidth(w int64) {
	tb.t.Helper()
	if w < 600 {
		tb.do(chromedp.EmulateViewport(w, 800, chromedp.EmulateMobile))
	} else {
		tb.do(chromedp.EmulateViewport(w, 800))
	}
}

func (tb *tab) screenshot(dir, name string) {
	tb.t.Helper()
	png := get(tb, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}
