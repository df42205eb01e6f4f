package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// testQuickExit checks the quick exit: a click and Escape twice leave for
// the neutral site, blank the page first and replace it in the history;
// Escape in any text field (the search box above all) and capitals typed
// with real Shift presses never leave; without JavaScript it is a plain
// link that sends no referrer, and Back returns to the page, as
// /browsing-safely/ says; and it comes first in the tab order.
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

	t.Run("escape-twice", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/")
		tb.visit("/services-and-hours/")
		tb.holdOffsite()
		tb.do(chromedp.KeyEvent(kb.Escape))
		tb.stays(t, "one Escape", "/services-and-hours/")
		tb.start(chromedp.KeyEvent(kb.Escape))
		leave(t, tb, "escape-twice", true)
		notInHistory(t, tb, "/services-and-hours/")
	})

	// Escape pressed twice, but with another key between: not the shortcut.
	t.Run("escape-key-escape", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/hotline/")
		tb.holdOffsite()
		tb.do(chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Escape))
		tb.stays(t, "Escape, ArrowDown, Escape", "/hotline/")
	})

	// The search box: Escape closes the suggestions, a second Escape
	// clears the box, and neither leaves the site.
	t.Run("escape-twice-in-search", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/hotline/")
		tb.holdOffsite()
		tb.do(
			chromedp.Click(chromedp.CSS("#search-q")),
			chromedp.SendKeys(chromedp.CSS("#search-q"), "traf"),
			chromedp.WaitVisible(chromedp.CSS("#search-list")),
			chromedp.KeyEvent(kb.Escape),
		)
		if open := eval[bool](tb, `!document.getElementById("search-list").hidden`); open {
			t.Error("the first Escape did not close the suggestions")
		}
		tb.do(chromedp.KeyEvent(kb.Escape))
		tb.stays(t, "Escape twice in the search box", "/hotline/")
		// Typing again and Escape twice, fast, with the list open.
		tb.do(chromedp.SendKeys(chromedp.CSS("#search-q"), "hotline"), chromedp.WaitVisible(chromedp.CSS("#search-list")))
		tb.do(chromedp.KeyEvent(kb.Escape + kb.Escape + kb.Escape))
		tb.stays(t, "Escape three times in the search box", "/hotline/")
	})

	// Capitals typed with real Shift presses, about 90 ms a key, as a
	// quick typist does: never the shortcut, in the search box or out of it.
	t.Run("shift-typing-in-search", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/hotline/")
		tb.holdOffsite()
		tb.do(chromedp.Click(chromedp.CSS("#search-q")))
		const typed = "New York Police"
		tb.do(typeLikeAPerson(typed, 90*time.Millisecond))
		tb.stays(t, "typing "+typed, "/hotline/")
		if v := eval[string](tb, `document.getElementById("search-q").value`); v != typed {
			t.Errorf("the search box holds %q, want %q: the key events were not typed", v, typed)
		}
	})
	t.Run("shift-three-times", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/hotline/")
		tb.holdOffsite()
		// Shift+Tab, Shift+Tab, Shift+Tab moves focus back three times
		// with three Shift presses; a bare Shift three times too.
		tb.do(typeLikeAPerson("ABC", 90*time.Millisecond))
		for range 3 {
			tb.do(chromedp.KeyEvent(kb.Shift))
		}
		tb.stays(t, "Shift three times outside a text field", "/hotline/")
	})

	// Every kind of field a visitor types in: Escape twice is theirs.
	t.Run("escape-in-fields", func(t *testing.T) {
		tb := newTab(t, browser, s, true)
		tb.visit("/hotline/")
		tb.holdOffsite()
		for _, field := range []string{
			`<textarea id="f"></textarea>`,
			`<div id="f" contenteditable="true">text</div>`,
			`<select id="f"><option>a</option><option>b</option></select>`,
			`<input id="f" type="email">`,
		} {
			eval[chromedp.Void](tb, `(() => { const d = document.createElement("div"); d.id = "fields"; d.innerHTML = `+jsString(field)+`; document.querySelector("main").prepend(d); document.getElementById("f").focus(); })()`)
			tb.do(chromedp.KeyEvent("x" + kb.Escape + kb.Escape))
			tb.stays(t, "Escape twice in "+field, "/hotline/")
			eval[chromedp.Void](tb, `document.getElementById("fields").remove()`)
		}
	})

	t.Run("without-javascript", func(t *testing.T) {
		tb := newTab(t, browser, s, false)
		tb.visit("/")
		tb.visit("/hotline/")
		tb.holdOffsite()
		tb.start(chromedp.Click(chromedp.CSS("#quick-exit"), chromedp.NodeReady))
		leave(t, tb, "click without JavaScript", false)
		// A plain link cannot replace the page in the history: Back
		// returns to it. /browsing-safely/ must say so, and does the
		// with-JavaScript promise only with that condition.
		h := get(tb, chromedp.NavigationEntries())
		if !slices.ContainsFunc(h.Entries, func(e *page.NavigationEntry) bool { return strings.HasSuffix(e.URL, "/hotline/") }) {
			t.Errorf("without JavaScript the page left is gone from the history (%+v): update /browsing-safely/, which says Back returns to it", h.Entries)
		}
		tb.visit("/browsing-safely/")
		text := eval[string](tb, `document.querySelector("main").innerText`)
		for _, want := range []string{
			"If JavaScript is turned off",
			"Back button goes back to the page you were reading",
			"Press Escape twice",
			"not while you are typing",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("/browsing-safely/ does not say %q", want)
			}
		}
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

// stays fails the test if the tab asked for another host or left path
// within half a second: long enough for a quick exit that fired to start
// its navigation, which the tab holds (see tab.holdOffsite).
func (tb *tab) stays(t *testing.T, what, path string) {
	t.Helper()
	time.Sleep(500 * time.Millisecond)
	if _, offsite, _, _ := tb.seen(); len(offsite) > 0 {
		t.Fatalf("%s left the site: %v", what, offsite)
	}
	if u := tb.location(); !strings.HasSuffix(u, path) {
		t.Fatalf("after %s the tab is at %s, want %s", what, u, path)
	}
	if eval[bool](tb, `document.body.classList.contains("exiting")`) {
		t.Fatalf("%s blanked the page", what)
	}
}

// typeLikeAPerson types text with the key events a keyboard sends, gap
// apart: a capital is a Shift keydown, the letter with the Shift
// modifier, and the Shift keyup, as a person's Shift presses arrive
// (chromedp.KeyEvent sends the modifier but never the Shift key itself).
func typeLikeAPerson(text string, gap time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		shift := func(typ input.DispatchKeyEventType, mods int64) error {
			_, err := cdp.Call(ctx, tt, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: "Shift", Code: "ShiftLeft", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16, Modifiers: mods,
			})
			return err
		}
		for _, r := range text {
			upper := unicode.IsUpper(r)
			if upper {
				if err := shift(input.DispatchKeyEventTypeRawKeyDown, int64(chromedp.ModifierShift)); err != nil {
					return err
				}
				time.Sleep(gap / 3)
			}
			for _, k := range kb.Encode(r) {
				if _, err := cdp.Call(ctx, tt, input.DispatchKeyEvent, *k); err != nil {
					return err
				}
			}
			if !upper {
				time.Sleep(gap)
				continue
			}
			time.Sleep(gap / 3)
			if err := shift(input.DispatchKeyEventTypeKeyUp, 0); err != nil {
				return err
			}
			time.Sleep(gap / 3)
		}
		return nil
	})
}
