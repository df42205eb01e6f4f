package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// testQuickExit checks the quick exit: a click, Escape twice and
// Shift three times leave for the neutral site, blank the page first and
// replace it in the history; without JavaScript it is a plain link that
// sends no referrer; and it comes first in the tab order.
func testQuickExit(t *testing.T, browser context.Context, s *servedSite) {
	// leave waits for the exit's request, which the tab holds, checks the
	// page while the navigation waits, then lets the neutral site load.
	leave := func(t *testing.T, tb *tab, how string, js bool) {
		t.Helper()
		ev := tb.waitOffsite(how)
		if ev.Request.URL != s.ExitURL {
			t.Errorf("%s: went to %s, want %s", how, ev.Request.URL, s.ExitURL)
		}
		for k, v := range ev.Request.Headers {
			if strings.EqualFold(k, "Referer") {
				t.Errorf("%s: the neutral site was told where the reader came from: Referer: %s", how, v)
			}
		}
		if js {
			// The page reports its state as the exit marks it (see
			// cspProbe): the title gone and nothing left showing.
			// The neutral site cannot load before the test answers, so a
			// state reported until then came before the navigation.
			var states []string
			for deadline := time.Now().Add(2 * time.Second); len(states) == 0 && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
				tb.mu.Lock()
				states = slices.Clone(tb.exitState)
				tb.mu.Unlock()
			}
			if len(states) == 0 || states[0] != `{"title":"","shown":0}` {
				t.Errorf("%s: the page was not blanked before leaving: %q", how, states)
			}
		}
		if err := fulfill(tb.ctx, ev); err != nil {
			t.Fatal(err)
		}
		tb.waitLocation("the neutral site", func(u string) bool { return u == s.ExitURL })
	}
	// notInHistory fails if the page left is still in the tab's history,
	// and goes Back to make sure.
	notInHistory := func(t *testing.T, tb *tab, path string) {
		t.Helper()
		h := get(tb, chromedp.NavigationEntries())
		for _, e := range h.Entries {
			if strings.HasSuffix(e.URL, path) {
				t.Errorf("%s is still in the history: %+v", path, h.Entries)
			}
		}
		if h.CurrentIndex > 0 {
			// Not chromedp.NavigateBack: it waits for a load event, and a
			// page restored from the back/forward cache fires none.
			prev := h.Entries[h.CurrentIndex-1]
			tb.do(chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
				_, err := cdp.Call(ctx, tt, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: prev.ID})
				return err
			}))
			u := tb.waitLocation("Back", func(u string) bool { return u != s.ExitURL })
			if strings.HasSuffix(u, path) {
				t.Errorf("Back returned to %s", u)
			}
		}
	}

	t.Run("click", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/")
		tb.visit("/hotline/")
		tb.holdOffsite()
		tb.start(chromedp.Click(chromedp.CSS("#quick-exit")))
		leave(t, tb, "click", true)
		notInHistory(t, tb, "/hotline/")
	})

	for _, c := range []struct {
		name, key string
		times     int
	}{
		{"escape-twice", kb.Escape, 2},
		{"shift-three-times", kb.Shift, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t, browser, s, true)
			tb.visit("/")
			tb.visit("/services-and-hours/")
			tb.holdOffsite()
			tb.do(chromedp.KeyEvent(strings.Repeat(c.key, c.times-1)))
			time.Sleep(300 * time.Millisecond)
			if _, offsite, _, _ := tb.seen(); len(offsite) > 0 {
				t.Fatalf("%d presses were enough to leave: %v", c.times-1, offsite)
			}
			tb.start(chromedp.KeyEvent(c.key))
			leave(t, tb, c.name, true)
			notInHistory(t, tb, "/services-and-hours/")
		})
	}

	t.Run("without-javascript", func(t *testing.T) {
		tb := newTab(t, browser, s, false)
		tb.visit("/hotline/")
		tb.holdOffsite()
		tb.start(chromedp.Click(chromedp.CSS("#quick-exit"), chromedp.NodeReady))
		leave(t, tb, "click without JavaScript", false)
	})

	t.Run("tab-order", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/materials/")
		var order []string
		var skipTop float64
		for i := range 3 {
			tb.do(chromedp.KeyEvent(kb.Tab))
			order = append(order, eval[string](tb, `(document.activeElement.id || document.activeElement.className) + " " + document.activeElement.textContent.trim()`))
			if i == 1 {
				skipTop = eval[float64](tb, `document.activeElement.getBoundingClientRect().top`)
			}
		}
		if !strings.HasPrefix(order[0], "quick-exit ") {
			t.Errorf("the first Tab goes to %q, want the quick exit", order[0])
		}
		if !strings.HasPrefix(order[1], "skip-link ") {
			t.Errorf("the second Tab goes to %q, want the skip link", order[1])
		}
		// The skip link shows when focused, and moves focus to main.
		if skipTop < 0 {
			t.Errorf("the focused skip link is off screen (top %v)", skipTop)
		}
		tb.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)), enter)
		if id := eval[string](tb, `document.activeElement.id`); id != "main" {
			t.Errorf("the skip link moved focus to %q, want main", id)
		}
	})
}
