package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
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
// hours as text are there either way).
func testOpenNow(t *testing.T, b context.Context, s *servedSite) {
	const path = "/services-and-hours/"
	tb := newTab(t, b, s, true)
	tb.visit(path)
	if eval[int](tb, `document.querySelectorAll(".open-badge").length`) == 0 {
		t.Skip("no .open-badge on " + path)
	}
	get(tb, chromedp.Poll[bool](`[...document.querySelectorAll(".open-badge")].every(e => !e.hidden && e.textContent.trim() !== "")`))
	tb.checkClean("open-now badges")

	off := newTab(t, b, s, false)
	off.visit(path)
	for _, n := range get(off, chromedp.Nodes(chromedp.CSSAll(".open-badge"), chromedp.NodeReady)) {
		if _, hidden := n.Attribute("hidden"); !hidden {
			t.Errorf("without JavaScript an open-now badge shows: %s", n.AttributeValue("class"))
		}
	}
}
