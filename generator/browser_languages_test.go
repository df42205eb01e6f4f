package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// spanishPages are the Spanish versions of the page types, and the page
// in English each one's switcher must lead to.
var spanishPages = []struct{ name, path, english string }{
	{"home", "/es/", "/"},
	{"hotline", "/es/hotline/", "/hotline/"},
	{"services", "/es/services-and-hours/", "/services-and-hours/"},
	{"material", "/es/materials/who-can-call/", "/materials/who-can-call/"},
	{"section", "/es/materials/", "/materials/"},
	{"taxonomy", "/es/topics/", "/topics/"},
	{"term", "/es/topics/" + url.PathEscape("línea-directa") + "/", "/"},
	{"directory", "/es/organizations/", "/organizations/"},
	{"organization", "/es/organizations/nhtrc/", "/organizations/nhtrc/"},
	{"browsing-safely", "/es/browsing-safely/", "/browsing-safely/"},
	{"search", "/es/search?q=" + url.QueryEscape("línea directa"), "/search/"},
	{"404", "/es/no-such-page/", "/404.html"},
}

// testSpanishPages loads the Spanish page types at 1280 and 360 px: lang
// "es", axe (WCAG 2.2 AA and best practices) with no violation, nothing
// from another host, no console error or CSP violation; then follows each
// page's language switcher to its English page.
func testSpanishPages(t *testing.T, browser context.Context, s *servedSite) {
	src := axeSource(t)
	dir := screenshotDir(t)
	for _, pt := range spanishPages {
		t.Run(pt.name, func(t *testing.T) {
			tb := newTab(t, browser, s, true)
			tb.setWidth(1280)
			tb.visit(pt.path)
			var allow []string
			if pt.name == "404" {
				allow = []string{"status of 404"}
			}
			tb.checkClean("es "+pt.name, allow...)
			if lang := eval[string](tb, `document.documentElement.lang`); lang != "es" {
				t.Errorf("<html lang=%q>, want es", lang)
			}
			reportAxe(t, "es "+pt.name+" at 1280 px", tb.axe(src))
			tb.screenshot(dir, "es-"+pt.name+"-1280")
			tb.setWidth(360)
			reportAxe(t, "es "+pt.name+" at 360 px", tb.axe(src))
			tb.screenshot(dir, "es-"+pt.name+"-360")
			tb.checkClean("es "+pt.name+" after axe", allow...)

			href := eval[string](tb, `document.querySelector('nav.languages a[hreflang="en"]').getAttribute("href")`)
			if href != pt.english {
				t.Errorf("the switcher leads to %q, want %q", href, pt.english)
			}
			tb.start(chromedp.Click(chromedp.CSS(`nav.languages a[hreflang="en"]`), chromedp.NodeReady))
			tb.waitLocation("the English page", func(u string) bool { return strings.HasSuffix(u, pt.english) })
			// The English page, loaded: its own switcher leads back to Spanish.
			get(tb, chromedp.Nodes(chromedp.CSSAll(`html[lang="en"] nav.languages a[hreflang="es"]`), chromedp.NodeReady))
		})
	}
}
