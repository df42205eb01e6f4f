package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// intlCounter counts the Intl.DateTimeFormat objects a page creates: the
// first one for a time zone is what a cheap phone spent tens of
// milliseconds on at load (static/js/hours.js).
const intlCounter = `(() => {
	let n = 0;
	const Real = Intl.DateTimeFormat;
	Intl.DateTimeFormat = new Proxy(Real, {
		construct(t, a) { n++; return Reflect.construct(t, a); },
		apply(t, self, a) { n++; return Reflect.apply(t, self, a); },
	});
	Object.defineProperty(globalThis, "__intlFormats", { get: () => n });
})();`

// testScripts checks the work the page scripts do at load, on the four
// pages make audit measures (and the Spanish services page): search.js is
// not fetched until the search box is used, and the open-now badges are
// filled without creating any Intl.DateTimeFormat. The work is bounded by
// counting; the Performance domain's script and task durations, with the
// CPU slowed down four times as Lighthouse's mobile run does, are logged as
// the profile (-v), never compared with a limit.
func testScripts(t *testing.T, browser context.Context, s *servedSite) {
	for _, p := range []struct {
		name, path string
		badges     bool
	}{
		{"home", "/", false},
		{"material", "/materials/what-happens-when-you-call/", false},
		{"directory", "/organizations/", false},
		{"services", "/services-and-hours/", true},
		{"services-es", "/es/services-and-hours/", true},
		{"organization", "/organizations/nhtrc/", true},
	} {
		t.Run(p.name, func(t *testing.T) {
			tb := newTab(t, browser, s, true)
			pinClock(tb, "2026-12-05T17:00:00Z") // a Saturday: the non-urgent lines take messages
			tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
				if _, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: intlCounter}); err != nil {
					return err
				}
				if _, err := cdp.Call(ctx, tt, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4}); err != nil {
					return err
				}
				_, err := cdp.Call(ctx, tt, performance.Enable, performance.EnableParams{})
				return err
			}))
			tb.visit(p.path)
			if p.badges {
				get(tb, chromedp.Poll[bool](`document.querySelectorAll(".open-badge").length > 0 && [...document.querySelectorAll(".open-badge")].every(e => !e.hidden)`))
				badges := eval[[]string](tb, `[...document.querySelectorAll(".open-badge")].map(e => e.textContent)`)
				for _, b := range badges {
					if p.name == "services-es" {
						if !strings.HasPrefix(b, "Abierto ahora") && !strings.HasPrefix(b, "Se reciben mensajes ahora; se responden desde las 9 a. m., hora del Este, el lunes") {
							t.Errorf("a Spanish badge says %q", b)
						}
					} else if !strings.HasPrefix(b, "Open now") && !strings.HasPrefix(b, "Taking messages now; answered from 9am Eastern Time, Monday") {
						t.Errorf("a badge says %q", b)
					}
				}
			}
			if n := eval[int](tb, `globalThis.__intlFormats`); n != 0 {
				t.Errorf("the page created %d Intl.DateTimeFormat at load, want 0 (the build writes the zone's offsets)", n)
			}
			requests, _, _, _ := tb.seen()
			for _, u := range requests {
				if strings.Contains(u, "/js/search.js") {
					t.Errorf("search.js was fetched at load, before the search box was used: %s", u)
				}
			}
			m := get(tb, chromedp.Action[performance.GetMetricsResult](func(ctx context.Context, tt *chromedp.Target) (performance.GetMetricsResult, error) {
				return cdp.Call(ctx, tt, performance.GetMetrics, cdp.Empty{})
			}))
			var prof []string
			for _, x := range m.Metrics {
				switch x.Name {
				case "ScriptDuration", "TaskDuration", "LayoutDuration", "RecalcStyleDuration":
					prof = append(prof, fmt.Sprintf("%s %.1f ms", x.Name, x.Value*1000))
				}
			}
			t.Logf("%s at 4x CPU slowdown: %s", p.path, strings.Join(prof, ", "))
			tb.checkClean(p.name + " at load")
		})
	}

	// The box loads search.js when first used, and what was typed at once
	// is searched when it arrives.
	t.Run("search-on-first-use", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/materials/")
		if role := eval[string](tb, `document.getElementById("search-q").getAttribute("role") || ""`); role != "" {
			t.Errorf("the search box is a %q before it is used", role)
		}
		tb.do(
			chromedp.SendKeys(chromedp.CSS("#search-q"), "hotline"),
			chromedp.WaitVisible(chromedp.CSS("#search-list")),
		)
		if n := eval[int](tb, `document.querySelectorAll("#search-list [role=option]").length`); n < 2 {
			t.Errorf("%d options for \"hotline\" typed before search.js arrived", n)
		}
		requests, _, _, _ := tb.seen()
		n := 0
		for _, u := range requests {
			if strings.Contains(u, "/js/search.js") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("search.js was fetched %d times, want once", n)
		}
		tb.checkClean("search on first use")
	})
}
