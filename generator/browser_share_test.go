package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// testHeadingLinks checks what trainers use to share a section: the #
// link beside each heading, and the copy-link button site.js adds.
func testHeadingLinks(t *testing.T, b context.Context, s *servedSite) {
	const path = "/materials/the-six-call-types/"
	tb := newTab(t, b, s, true)
	// Let the test read the clipboard back; writing needs no permission.
	if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "clipboard-read"},
		Setting:    browser.PermissionSettingGranted,
		Origin:     s.URL,
	}); err != nil {
		t.Fatal(err)
	}
	tb.visit(path)
	anchor := get(tb, chromedp.Attributes(chromedp.CSS(".heading > a.anchor")))
	if !strings.HasPrefix(anchor["href"], "#") || !strings.HasPrefix(anchor["aria-label"], "Link to this section: ") {
		t.Errorf("the first heading's link: %v", anchor)
	}
	button := get(tb, chromedp.Attributes(chromedp.CSS(".heading > .copy-link")))
	if button["type"] != "button" || !strings.HasPrefix(button["aria-label"], "Copy link: ") {
		t.Errorf("the first copy-link button: %v", button)
	}
	tb.do(chromedp.Click(chromedp.CSS(".heading > .copy-link")))
	get(tb, chromedp.Poll[bool](`document.querySelector(".heading > .copy-link").textContent === "Link copied"`))
	copied := get(tb, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if want := s.URL + path + anchor["href"]; copied != want {
		t.Errorf("copied %q, want %q", copied, want)
	}
	tb.checkClean("copy link")
}

// testPrint checks the print stylesheet: no navigation, the addresses of
// links, and the hotline's number.
func testPrint(t *testing.T, b context.Context, s *servedSite) {
	tb := newTab(t, b, s, true)
	tb.visit("/hotline/")
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	for _, sel := range []string{".safety", ".site-nav", ".site-search", ".breadcrumbs", ".copy-link", ".site-footer nav"} {
		if d := eval[string](tb, `(e => e ? getComputedStyle(e).display : "none")(document.querySelector(`+jsString(sel)+`))`); d != "none" {
			t.Errorf("printed: %s (display %s)", sel, d)
		}
	}
	for _, sel := range []string{".hotline-band", ".print-hotline"} {
		text := eval[string](tb, `(e => getComputedStyle(e).display === "none" ? "" : e.innerText)(document.querySelector(`+jsString(sel)+`))`)
		if !strings.Contains(text, "1-888-373-7888") {
			t.Errorf("%s does not print the hotline number: %q", sel, text)
		}
	}
	after := eval[string](tb, `getComputedStyle(document.querySelector("main .content a[href^='/']"), "::after").content`)
	if !strings.Contains(after, "(") {
		t.Errorf("a link's address is not printed: ::after content is %s", after)
	}
}

// testOpenNow checks the open-now badges that static/js/hours.js fills in
// on the services page: shown with JavaScript, hidden without it (the
// hours as text are there either way). The page's clock is pinned, so the
// answer is the same whenever the test runs: on a Wednesday at 11:00 in
// New York the weekday services are open, at 3:00 on a Sunday only the
// round-the-clock ones are.
func testOpenNow(t *testing.T, b context.Context, s *servedSite) {
	const path = "/services-and-hours/"
	openAt := func(at string) (open, badges int) {
		tb := newTab(t, b, s, true)
		pinClock(tb, at)
		tb.visit(path)
		badges = eval[int](tb, `document.querySelectorAll(".open-badge").length`)
		if badges == 0 {
			t.Fatalf("no .open-badge on %s", path)
		}
		get(tb, chromedp.Poll[bool](`[...document.querySelectorAll(".open-badge")].every(e => !e.hidden && e.textContent.trim() !== "")`))
		tb.checkClean("open-now badges at " + at)
		return eval[int](tb, `document.querySelectorAll(".open-badge.is-open").length`), badges
	}
	weekday, n := openAt("2026-06-10T15:00:00Z")
	sunday, _ := openAt("2026-06-14T07:00:00Z")
	if weekday == 0 || sunday == 0 || weekday <= sunday || weekday > n {
		t.Errorf("open badges: %d of %d on a Wednesday at 11:00, %d on a Sunday at 3:00 (New York); want some on both, more on the Wednesday", weekday, n, sunday)
	}

	off := newTab(t, b, s, false)
	off.visit(path)
	for _, n := range get(off, chromedp.Nodes(chromedp.CSSAll(".open-badge"), chromedp.NodeReady)) {
		if _, hidden := n.Attribute("hidden"); !hidden {
			t.Errorf("without JavaScript an open-now badge shows: %s", n.AttributeValue("class"))
		}
	}
}

// pinClock makes the tab's Date (new Date() and Date.now) start at an
// RFC 3339 instant, in New York's time zone, for every page it loads.
func pinClock(tb *tab, at string) {
	tb.t.Helper()
	script := `(() => {
	const fixed = Date.parse(` + jsString(at) + `), Real = Date;
	class Pinned extends Real {
		constructor(...a) { super(...(a.length ? a : [fixed])); }
		static now() { return fixed; }
	}
	globalThis.Date = Pinned;
})();`
	tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tt, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/New_York"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	}))
}
