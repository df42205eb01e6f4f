package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// testAdmin loads the content manager, /admin/, as `generator serve` and
// the admin function answer it, and checks that it comes up on its sign-in
// screen, offering GitHub and an access token, with no console error, no
// CSP violation and no request to another host: the vendored script, its
// fonts and config.yml all come from the site.
func testAdmin(t *testing.T, b context.Context, s *servedSite) {
	tb := newTab(t, b, s, true)
	tb.visit("/admin/")
	// The CMS loads config.yml and renders the sign-in screen after the
	// load event: wait for its buttons, a bounded number of times.
	var labels string
	for range 100 {
		labels = eval[string](tb, `[...document.querySelectorAll("button")].map(b => b.textContent.replace(/[\u2066-\u2069]/g, "").trim()).join(" | ")`)
		if strings.Contains(labels, "Access Token") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
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
}
