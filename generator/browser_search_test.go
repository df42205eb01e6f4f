package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// testSearch checks search as you type (the combobox of static/js/search.js)
// and the plain form with JavaScript off.
func testSearch(t *testing.T, browser context.Context, s *servedSite) {
	t.Run("as-you-type", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/")
		tb.do(
			chromedp.Click(chromedp.CSS("#search-q")),
			chromedp.SendKeys(chromedp.CSS("#search-q"), "traf"),
			chromedp.WaitVisible(chromedp.CSS("#search-list")),
		)
		in := get(tb, chromedp.Attributes(chromedp.CSS("#search-q")))
		if in["role"] != "combobox" || in["aria-expanded"] != "true" || in["aria-controls"] != "search-list" {
			t.Errorf("the open search field's attributes: %v", in)
		}
		if n := eval[int](tb, `document.querySelectorAll("#search-list [role=option]").length`); n < 2 {
			t.Fatalf("%d options for \"traf\", want at least a result and the link to all results", n)
		}
		if status := eval[string](tb, `document.getElementById("search-status").textContent`); !strings.Contains(status, "result") {
			t.Errorf("the status region says %q, want a count of results", status)
		}
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		in = get(tb, chromedp.Attributes(chromedp.CSS("#search-q")))
		active := in["aria-activedescendant"]
		if active == "" {
			t.Fatal("ArrowDown set no aria-activedescendant")
		}
		opt := get(tb, chromedp.Attributes(chromedp.ID(active)))
		if opt["role"] != "option" || opt["aria-selected"] != "true" {
			t.Errorf("the active descendant %s: %v, want a selected option", active, opt)
		}
		if focused := eval[string](tb, `document.activeElement.id`); focused != "search-q" {
			t.Errorf("focus moved to %q; it must stay in the field", focused)
		}
		href := eval[string](tb, `document.getElementById(`+jsString(active)+`).querySelector("a").href`)
		tb.start(enter)
		tb.waitLocation(href, func(u string) bool { return u == href })
		tb.checkClean("search as you type")
	})

	t.Run("without-javascript", func(t *testing.T) {
		tb := newTab(t, browser, s, false)
		tb.visit("/materials/")
		tb.do(
			chromedp.SendKeys(chromedp.CSS("#search-q"), "hotline", chromedp.NodeReady),
			chromedp.Click(chromedp.CSS(".site-search button[type=submit]"), chromedp.NodeReady),
		)
		u := tb.waitLocation("the results page", func(u string) bool { return strings.Contains(u, "/search?q=hotline") })
		hits := get(tb, chromedp.Nodes(chromedp.CSSAll(".hits .hit a"), chromedp.NodeReady))
		if len(hits) == 0 {
			t.Fatalf("%s shows no results", u)
		}
		tb.checkClean("search without JavaScript")
		// A result is a plain link.
		first := hits[0].AttributeValue("href")
		if !strings.HasPrefix(first, "/") {
			t.Errorf("the first result links to %q", first)
		}
	})
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
