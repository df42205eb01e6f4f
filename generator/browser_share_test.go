package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// testPrint prints a material to PDF in Chromium, as a trainer does for a
// handout, and reads the PDF's text back with pdftotext (poppler-utils;
// .ci/run installs it): the page's text, the hotline's number, text and
// TTY once, the addresses of external links, the page's address and date
// at the end; no quick exit, hotline band, search or menu.
func testPrint(t *testing.T, b context.Context, s *servedSite) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		needed(t, "pdftotext is not installed (apt-get install -y poppler-utils)")
	}
	const path = "/materials/who-can-call/"
	tb := newTab(t, b, s, true)
	tb.visit(path)
	title := eval[string](tb, `document.querySelector("h1").textContent`)
	external := eval[string](tb, `document.querySelector("main a[href^='http']").getAttribute("href")`)
	pdf := get(tb, chromedp.Action[[]byte](func(ctx context.Context, tt *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tt, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true)})
		return r.Data, err
	}))
	file := filepath.Join(t.TempDir(), "handout.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := string(out)
	pages := strings.Count(text, "\f")
	t.Logf("%s prints on %d pages", path, pages)
	flat := strings.Join(strings.Fields(text), " ")
	nospace := strings.Join(strings.Fields(text), "")
	for _, want := range []string{
		title,
		"National Human Trafficking Hotline: 1-888-373-7888 · Text 233733 · TTY 711",
		"Printed from " + s.URL + path,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed handout does not say %q:\n%s", want, text)
		}
	}
	if n := strings.Count(flat, "National Human Trafficking Hotline: 1-888-373-7888"); n != 1 {
		t.Errorf("the hotline's numbers are printed %d times, want once", n)
	}
	if !strings.Contains(nospace, "("+external+")") {
		t.Errorf("the external link's address (%s) is not printed after it", external)
	}
	if i, j := strings.Index(flat, "Printed from"), strings.Index(flat, title); i < j {
		t.Error("the page's address is printed before its text, want it at the end")
	}
	for _, nav := range []string{"Quick exit", "Search this site", "Skip to content", "In danger? Call 911", "Menu", "Copy link", "EMAIL"} {
		if strings.Contains(flat, nav) {
			t.Errorf("the printed handout shows %q", nav)
		}
	}
	// Chromium's command line (--print-to-pdf) prints it on 3 Letter
	// pages, Page.printToPDF here on 4; the issue saw 4 with the header
	// band and menu. A bound against regressions, not yet the goal.
	if pages > 4 {
		t.Errorf("%s prints on %d pages, want at most 4", path, pages)
	}
}

// testOpenNow checks the open-now badges that static/js/hours.js fills in
// on the services page: shown with JavaScript, hidden without it (the
// hours as text are there either way); with the page's clock pinned
// (pinClock), what they say on a weekday by day and by night, at the
// weekend and as the clocks change, and that at 375 px they do not wrap
// into a narrow column. A page without badges fails.
func testOpenNow(t *testing.T, b context.Context, s *servedSite) {
	const path = "/services-and-hours/"
	// A pinned clock (pinClock): the hotline's
	// non-urgent lines take a message outside their hours and say so,
	// not "Closed now"; at 375 px the label spans the page, in two lines
	// at most, not a narrow column.
	for _, c := range []struct{ name, at, nonUrgent string }{
		{"weekday-day", "2026-12-02T15:00:00-05:00", "Open now · closes 7pm Eastern Time today"},
		{"weekday-night", "2026-12-02T22:00:00-05:00", "Taking messages now; answered from 9am Eastern Time tomorrow"},
		{"weekend", "2026-12-05T12:00:00-05:00", "Taking messages now; answered from 9am Eastern Time, Monday"},
		{"dst-change", "2027-03-14T01:30:00-05:00", "Taking messages now; answered from 9am Eastern Time tomorrow"},
	} {
		t.Run(c.name, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, c.at)
			if err != nil {
				t.Fatal(err)
			}
			tb := newTab(t, b, s, true)
			pinClock(tb, at.UTC().Format(time.RFC3339))
			tb.setWidth(375)
			tb.visit(path)
			get(tb, chromedp.Poll[bool](`[...document.querySelectorAll(".open-badge")].every(e => !e.hidden)`))
			var rows []struct {
				Service, Badge string
				Lines          float64
				Width          float64
			}
			raw := eval[[]byte](tb, `JSON.stringify([...document.querySelectorAll(".services-table tbody tr")].map(tr => {
				const b = tr.querySelector(".open-badge"), r = b.getBoundingClientRect();
				return {service: tr.querySelector("th").textContent, badge: b.textContent,
					lines: r.height / parseFloat(getComputedStyle(b).lineHeight), width: r.width};
			}))`)
			var text string
			if err := json.Unmarshal(raw, &text); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(text), &rows); err != nil {
				t.Fatal(err)
			}
			if len(rows) != 7 {
				t.Fatalf("%d services in the table, want 7", len(rows))
			}
			tableWidth := eval[float64](tb, `document.querySelector(".services-table").getBoundingClientRect().width`)
			for _, r := range rows {
				want := "Open now"
				if strings.Contains(r.Service, "non-urgent") || strings.HasPrefix(r.Service, "General") {
					want = c.nonUrgent
				}
				if r.Badge != want {
					t.Errorf("%s: %q, want %q", r.Service, r.Badge, want)
				}
				if r.Lines > 2.5 {
					t.Errorf("%s: at 375 px the label %q takes %.1f lines, %.0f px wide (the table is %.0f px)", r.Service, r.Badge, r.Lines, r.Width, tableWidth)
				}
			}
			tb.checkClean("open-now badges at " + c.at)
		})
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
