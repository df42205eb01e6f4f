package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// testAdmin loads the content manager, /admin/, as `generator serve` and
// the admin function answer it, and checks that it comes up on its sign-in
// screen, offering GitHub and an access token, with no console error, no
// CSP violation and no request to another host: the vendored script, its
// fonts and config.yml all come from the site.
func testAdmin(t *testing.T, b context.Context, s *servedSite) {
	tb := newTab(t, b, s, true)
	tb.visit("/admin/")
	labels := adminButtons(tb, "Access Token")
	for _, want := range []string{"Sign In with GitHub", "Sign In Using Access Token"} {
		if !strings.Contains(labels, want) {
			t.Errorf("/admin/: no %q button; the buttons are %q", want, labels)
		}
	}
	// The icon font is the site's: the sign-in screen's icons need it.
	if !eval[bool](tb, `document.fonts.check("24px 'Material Symbols Outlined'")`) {
		t.Errorf("/admin/: the icon font did not load")
	}
	requests, _, _, _ := tb.seen()
	for _, want := range []string{"/admin/sveltia-cms.js", "/admin/config.yml"} {
		found := false
		for _, u := range requests {
			found = found || strings.HasPrefix(u, s.URL+want)
		}
		if !found {
			t.Errorf("/admin/: never asked for %s; requests: %q", want, requests)
		}
	}
	tb.checkClean("/admin/")
	tb.screenshot(screenshotDir(t), "admin-signin")

	// An editor whose browser asks for Spanish gets the Spanish interface,
	// from the site's admin/locales/, not from unpkg.com.
	es := newTab(t, b, s, true)
	es.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
			UserAgent: "Mozilla/5.0 (X11; Linux x86_64) Chromium", AcceptLanguage: "es-CO",
		})
		return err
	}))
	es.visit("/admin/")
	if labels := adminButtons(es, "token de acceso"); !strings.Contains(labels, "Iniciar sesión con un token de acceso") {
		t.Errorf("/admin/ in Spanish: the buttons are %q", labels)
	}
	requests, _, _, _ = es.seen()
	if !slices.Contains(requests, s.URL+"/admin/locales/es-CO.json") {
		t.Errorf("/admin/ in Spanish: never asked for /admin/locales/es-CO.json; requests: %q", requests)
	}
	es.checkClean("/admin/ in Spanish")
}

// adminButtons waits, a bounded number of times, for a button whose text
// holds want (the CMS renders its sign-in screen after the load event, once
// config.yml is read), and returns the buttons' texts.
func adminButtons(tb *tab, want string) string {
	tb.t.Helper()
	var labels string
	for range 100 {
		// Without the isolates that the CMS puts around names ("\u2068GitHub\u2069").
		labels = eval[string](tb, `[...document.querySelectorAll("button")].map(b => b.textContent.replace(/[\u2066-\u2069]/g, "").trim()).join(" | ")`)
		if strings.Contains(labels, want) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return labels
}
