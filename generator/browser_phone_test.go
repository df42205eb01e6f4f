package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
)

// testFirstScreen checks the first screen on a phone, 375 × 740 CSS px:
// the quick exit, then the hotline band, then the page's heading, all in
// that first screen; the menu a <details> that opens without JavaScript
// and marks the current page and section; and no phone number broken
// across lines at 1280, 375 or 320 px.
func testFirstScreen(t *testing.T, browser context.Context, s *servedSite) {
	for _, pt := range pageTypes {
		t.Run(pt.name, func(t *testing.T) {
			tb := newTab(t, browser, s, true)
			tb.do(chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile))
			tb.visit(pt.path)
			var pos struct{ Exit, Band, Heading float64 }
			raw := eval[string](tb, `JSON.stringify({
				exit: document.getElementById("quick-exit").getBoundingClientRect().top,
				band: (document.querySelector(".hotline-band") || document.body).getBoundingClientRect().top,
				heading: document.querySelector("h1").getBoundingClientRect().top})`)
			if err := json.Unmarshal([]byte(raw), &pos); err != nil {
				t.Fatal(err)
			}
			if pos.Heading >= 740-40 {
				t.Errorf("at 375 × 740 the heading starts at %.0f px, not in the first screen", pos.Heading)
			}
			if !(pos.Exit < pos.Band && pos.Band < pos.Heading) {
				t.Errorf("at 375 × 740: quick exit at %.0f, hotline band at %.0f, heading at %.0f; want them in that order", pos.Exit, pos.Band, pos.Heading)
			}
			for _, w := range []int64{1280, 375, 320} {
				if w == 1280 {
					tb.do(chromedp.EmulateViewport(w, 800))
				} else {
					tb.do(chromedp.EmulateViewport(w, 740, chromedp.EmulateMobile))
				}
				if broken := eval[[]string](tb, brokenPhones); len(broken) > 0 {
					t.Errorf("at %d px a phone number breaks across lines: %q", w, broken)
				}
				// The results page's snippets hold the hotline's number: the
				// check above covers them only if they are there.
				if pt.name == "search" {
					if n := eval[int](tb, `document.querySelectorAll(".snippet .phone").length`); n == 0 {
						t.Errorf("at %d px no search snippet holds a phone number kept on one line", w)
					}
				}
			}
		})
	}

	t.Run("menu", func(t *testing.T) {
		tb := newTab(t, browser, s, false)
		tb.do(chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile))
		tb.visit("/materials/who-can-call/")
		if vis := eval[bool](tb, `document.querySelector(".site-nav ul").checkVisibility()`); vis {
			t.Error("at 375 px the menu is open before it is asked for")
		}
		tb.do(chromedp.Click(chromedp.CSS(".menu > summary"), chromedp.NodeReady))
		if vis := eval[bool](tb, `document.querySelector(".site-nav ul").checkVisibility()`); !vis {
			t.Error("without JavaScript, pressing Menu does not open the menu")
		}
		current := eval[map[string]string](tb, `Object.fromEntries([...document.querySelectorAll(".site-nav a[aria-current]")].map(a => [a.getAttribute("href"), a.getAttribute("aria-current")]))`)
		if len(current) != 1 || current["/materials/"] != "true" {
			t.Errorf("on a material the menu marks %v, want /materials/ as the current section (aria-current=true)", current)
		}
		if sum := eval[string](tb, `document.querySelector(".menu > summary").textContent`); sum != "Menu: Training materials" {
			t.Errorf("the closed menu says %q, want it to name the current section", sum)
		}
		tb.visit("/materials/")
		if cur := eval[string](tb, `document.querySelector(".site-nav a[href='/materials/']").getAttribute("aria-current")`); cur != "page" {
			t.Errorf("on /materials/ its menu entry has aria-current=%q, want page", cur)
		}

		wide := newTab(t, browser, s, true)
		wide.do(chromedp.EmulateViewport(1280, 800))
		wide.visit("/")
		if vis := eval[bool](wide, `document.querySelector(".site-nav ul").checkVisibility() && !document.querySelector(".menu > summary").checkVisibility()`); !vis {
			t.Error("at 1280 px the menu is not shown open, without its toggle")
		}
	})
}

// brokenPhones lists the phone numbers on the page (tel: and sms: links,
// and numbers written as text, such as 1-888-373-7888) that are drawn on
// more than one line, search snippets included.
const brokenPhones = `(() => {
	const out = [], re = /(?:\b1-)?\b\d{3}-\d{3}-\d{4}\b/g;
	const lines = r => new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;
	for (const a of document.querySelectorAll("a[href^='tel:'], a[href^='sms:']")) {
		if (!a.checkVisibility()) continue;
		const r = document.createRange();
		r.selectNodeContents(a);
		if (lines(r) > 1) out.push(a.textContent);
	}
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = walk.nextNode());) {
		if (!n.parentElement.checkVisibility()) continue;
		for (const m of n.data.matchAll(re)) {
			const r = document.createRange();
			r.setStart(n, m.index);
			r.setEnd(n, m.index + m[0].length);
			if (lines(r) > 1) out.push(m[0] + " in <" + n.parentElement.tagName.toLowerCase() + (n.parentElement.className ? " class=" + n.parentElement.className : "") + ">");
		}
	}
	return out;
})()`
