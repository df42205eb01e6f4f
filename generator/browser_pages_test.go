package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"resourcelib/generator/server"
)

// pageTypes are the page types, one address each.
var pageTypes = []struct{ name, path string }{
	{"home", "/"},
	{"hotline", "/hotline/"},
	{"services", "/services-and-hours/"},
	{"material", "/materials/who-can-call/"}, // a page bundle with an attachment
	{"section", "/materials/"},
	{"taxonomy", "/topics/"},
	{"term", "/topics/hotline/"},
	{"directory", "/organizations/"},
	{"organization", "/organizations/nhtrc/"},
	{"browsing-safely", "/browsing-safely/"},
	{"search", "/search?q=hotline"},
	{"404", "/no-such-page/"},
}

// axeTags are the rule sets every page must pass: WCAG 2.0, 2.1 and 2.2
// at levels A and AA, and axe's best practices, which hold the issue's
// one h1, heading order and landmark rules.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// axeSource is the pinned axe-core of tools/audit (npm ci there).
func axeSource(t *testing.T) string {
	t.Helper()
	const dir = "../tools/audit/node_modules/axe-core/"
	src, err := os.ReadFile(dir + "axe.min.js")
	if err != nil {
		needed(t, "axe-core is not installed: run `npm ci` in tools/audit (%v)", err)
	}
	var pkg struct{ Version string }
	data, err := os.ReadFile(dir + "package.json")
	if err == nil {
		err = json.Unmarshal(data, &pkg)
	}
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string }
	}
	if data, err := os.ReadFile("../tools/audit/package-lock.json"); err == nil && json.Unmarshal(data, &lock) == nil {
		if want := lock.Packages["node_modules/axe-core"].Version; want != "" && want != pkg.Version {
			t.Fatalf("tools/audit/node_modules has axe-core %s, the lock file pins %s: run `npm ci` in tools/audit", pkg.Version, want)
		}
	}
	t.Logf("axe-core %s", pkg.Version)
	return string(src)
}

type axeViolation struct {
	ID, Impact, Help, HelpURL string
	Nodes                     []struct {
		Target  []any
		HTML    string
		Summary string
	}
}

// axeRun injects axe-core into the page (once) and runs it.
func (tb *tab) axe(src string) []axeViolation {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe === "object"`) {
		eval[chromedp.Void](tb, src)
	}
	tags, _ := json.Marshal(axeTags)
	raw := get(tb, chromedp.Evaluate[[]byte](`axe.run(document, {
		runOnly: {type: "tag", values: `+string(tags)+`},
		resultTypes: ["violations"],
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
	})))`, chromedp.EvalAwaitPromise))
	var vs []axeViolation
	if err := json.Unmarshal(raw, &vs); err != nil {
		tb.t.Fatalf("axe's answer: %v\n%s", err, raw)
	}
	return vs
}

func reportAxe(t *testing.T, name string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s\n\t%s", name, v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\ttarget %v: %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
		}
		t.Error(b.String())
	}
}

// TestBrowser runs every browser test against one build, one server and
// one Chromium.
func TestBrowser(t *testing.T) {
	browser := newBrowser(t)
	s := serveBundled(t)

	t.Run("recorder", func(t *testing.T) { testRecorder(t, browser) })
	t.Run("pages", func(t *testing.T) { testPages(t, browser, s) })
	t.Run("pages-es", func(t *testing.T) { testSpanishPages(t, browser, s) })
	t.Run("no-js", func(t *testing.T) { testPagesWithoutJS(t, browser, s) })
	t.Run("quick-exit", func(t *testing.T) { testQuickExit(t, browser, s) })
	t.Run("search", func(t *testing.T) { testSearch(t, browser, s) })
	t.Run("headings", func(t *testing.T) { testHeadingLinks(t, browser, s) })
	t.Run("print", func(t *testing.T) { testPrint(t, browser, s) })
	t.Run("open-now", func(t *testing.T) { testOpenNow(t, browser, s) })
	t.Run("first-screen", func(t *testing.T) { testFirstScreen(t, browser, s) })
	t.Run("scripts", func(t *testing.T) { testScripts(t, browser, s) })
	t.Run("admin", func(t *testing.T) { testAdmin(t, browser, s) })
}

// testRecorder proves that the checks can fail: a page that breaks each
// rule, served with the site's own headers, must be caught on each count.
func testRecorder(t *testing.T, browser context.Context) {
	rules, err := server.LoadHeaders("..")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bad.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `console.error("from bad.js"); throw new Error("bad.js failed");`)
		case "/no-csp":
			// Without the policy, to see the request itself recorded.
			w.Header().Del("Content-Security-Policy")
			fmt.Fprint(w, `<!doctype html><html lang="en"><title>Third party</title>
<img src="https://third-party.example/pixel.png" alt="">`)
		default:
			fmt.Fprint(w, `<!doctype html><html lang="en"><title>Bad</title>
<p style="color:red">inline style</p>
<script>document.title = "inline ran";</script>
<script src="/bad.js"></script>
<a href="/x"></a>`)
		}
	})
	srv := httptest.NewServer(server.WithHeaders(rules, mux))
	defer srv.Close()
	tb := newTab(t, browser, &servedSite{URL: srv.URL}, true)
	tb.visit("/")
	eval[chromedp.Void](tb, `0`)
	time.Sleep(200 * time.Millisecond)
	_, _, problems, csp := tb.seen()
	if len(csp) < 2 {
		t.Errorf("want the inline script and style reported as CSP violations, got %q", csp)
	}
	var consoleErr, exception bool
	for _, p := range problems {
		consoleErr = consoleErr || strings.Contains(p, "from bad.js")
		exception = exception || strings.Contains(p, "bad.js failed")
	}
	if !consoleErr || !exception {
		t.Errorf("want bad.js's console.error and exception recorded, got %q", problems)
	}
	if title := eval[string](tb, `document.title`); title == "inline ran" {
		t.Error("the inline script ran: the CSP header was not applied")
	}
	if vs := tb.axe(axeSource(t)); !slices.ContainsFunc(vs, func(v axeViolation) bool { return v.ID == "link-name" }) {
		t.Errorf("axe did not find the empty link: %+v", vs)
	}

	tb.visit("/no-csp")
	time.Sleep(200 * time.Millisecond)
	if _, offsite, _, _ := tb.seen(); !slices.Contains(offsite, "https://third-party.example/pixel.png") {
		t.Errorf("the request to third-party.example was not recorded: %q", offsite)
	}
}

// testPages loads every page type at 1280 and 360 px: no request to
// another host, no console error, no CSP violation, no axe violation, no
// sideways scrolling at 320 px, and a screenshot at each width.
func testPages(t *testing.T, browser context.Context, s *servedSite) {
	src := axeSource(t)
	dir := screenshotDir(t)
	for _, pt := range pageTypes {
		t.Run(pt.name, func(t *testing.T) {
			tb := newTab(t, browser, s, true)
			tb.setWidth(1280)
			tb.visit(pt.path)
			var allow []string
			if pt.name == "404" {
				allow = []string{"status of 404"} // the page's own status
			}
			tb.checkClean(pt.name, allow...)
			if n := eval[int](tb, `document.querySelectorAll("h1").length`); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			reportAxe(t, pt.name+" at 1280 px", tb.axe(src))
			tb.screenshot(dir, pt.name+"-1280")

			tb.setWidth(360)
			reportAxe(t, pt.name+" at 360 px", tb.axe(src))
			tb.screenshot(dir, pt.name+"-360")

			// WCAG 1.4.10: at 320 CSS px (1280 px at 400% zoom) nothing
			// but a table may need sideways scrolling.
			tb.setWidth(320)
			if over := eval[int](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
				t.Errorf("at 320 px wide the page scrolls sideways by %d px; too wide: %s", over, eval[string](tb, tooWide))
			}
			tb.checkClean(pt.name+" after axe", allow...)
		})
	}
}

// tooWide names the innermost elements that stick out past the right edge.
const tooWide = `(() => {
	const w = document.documentElement.clientWidth, out = [];
	for (const e of document.body.querySelectorAll("*")) {
		const r = e.getBoundingClientRect();
		if (r.right > w + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 0.5))
			out.push(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " (right " + Math.round(r.right) + ")");
	}
	return out.slice(0, 8).join(", ");
})()`

// testPagesWithoutJS loads every page type with JavaScript off: the same
// content, no errors, and the quick exit a plain link.
func testPagesWithoutJS(t *testing.T, browser context.Context, s *servedSite) {
	tb := newTab(t, browser, s, false)
	for _, pt := range pageTypes {
		tb.visit(pt.path)
		var allow []string
		if pt.name == "404" {
			allow = []string{"status of 404"}
		}
		tb.checkClean(pt.name+" without JavaScript", allow...)
		a := get(tb, chromedp.Attributes(chromedp.CSS("#quick-exit")))
		if a["href"] != s.ExitURL || !strings.Contains(" "+a["rel"]+" ", " noreferrer ") {
			t.Errorf("%s without JavaScript: quick exit is %v, want a plain link to %s with rel=noreferrer", pt.name, a, s.ExitURL)
		}
		if n := len(get(tb, chromedp.Nodes(chromedp.CSSAll("h1")))); n != 1 {
			t.Errorf("%s without JavaScript: %d h1 elements", pt.name, n)
		}
	}
}
