package search

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/site"
)

// wantError checks a 400 from /api/search: JSON {"error": ...} whose
// message contains each of the wanted fragments.
func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, fragments ...string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	var body map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, w.Body)
	}
	msg, ok := body["error"].(string)
	if !ok || len(body) != 1 {
		t.Fatalf(`body %s, want only {"error": "..."}`, w.Body)
	}
	for _, f := range fragments {
		if !strings.Contains(msg, f) {
			t.Errorf("error %q does not say %q", msg, f)
		}
	}
}

// TestLimits checks that every limit of a request is answered with a 400
// that says what is wrong, and that values at a limit are accepted.
func TestLimits(t *testing.T) {
	h := bundledIndex(t)
	long := strings.Repeat("a", maxQueryBytes+1)
	manyTypes := "q=hotline" + strings.Repeat("&type=page", maxFilters+1)
	bad := []struct {
		name, query string
		says        []string
	}{
		{"q too long", "q=" + long, []string{"257 bytes", "limit is 256"}},
		{"q too long in multibyte letters", "q=" + strings.Repeat("é", 129), []string{"258 bytes", "256"}},
		{"NUL in q", "q=a%00b", []string{"NUL"}},
		{"size 0", "q=hotline&size=0", []string{"size", "1 to 50", "not 0"}},
		{"size 51", "q=hotline&size=51", []string{"size", "1 to 50", "not 51"}},
		{"size -1", "q=hotline&size=-1", []string{"size", "not -1"}},
		{"size abc", "q=hotline&size=abc", []string{"size", "whole number", `"abc"`}},
		{"size 1.5", "q=hotline&size=1.5", []string{"size", "whole number"}},
		{"size overflows", "q=hotline&size=99999999999999999999", []string{"size", "too large"}},
		{"page 0", "q=hotline&page=0", []string{"page", "1 or more", "not 0"}},
		{"page -1", "q=hotline&page=-1", []string{"page", "not -1"}},
		{"page abc", "q=hotline&page=abc", []string{"page", "whole number"}},
		{"page overflows", "q=hotline&page=99999999999999999999", []string{"page", "too large"}},
		{"page past result 1000", "q=hotline&page=21&size=50", []string{"page 21", "1000"}},
		{"page past result 1000 by default size", "q=hotline&page=101", []string{"page 101", "1000"}},
		// page*size would wrap around to 0 in 64 bits.
		{"page*size overflows", "q=hotline&page=4611686018427387904&size=4", []string{"page", "1000"}},
		{"near abc", "near=abc", []string{"near", "LAT,LON", `"abc"`}},
		{"near lat 91", "near=91,0", []string{"near", `"91,0"`}},
		{"near lat -91", "near=-91,0", []string{"near"}},
		{"near lon 181", "near=0,181", []string{"near", `"0,181"`}},
		{"near NaN", "near=NaN,0", []string{"near", `"NaN,0"`}},
		{"near Inf", "near=Inf,0", []string{"near"}},
		{"near three numbers", "near=1,2,3", []string{"near", `"1,2,3"`}},
		{"near one number", "near=35", []string{"near"}},
		{"near empty parts", "near=,", []string{"near"}},
		{"within without near", "q=hotline&within=10", []string{"within", "needs near"}},
		{"within negative", "near=35,-120&within=-5", []string{"within", "0 to 5000", `"-5"`}},
		{"within 0", "near=35,-120&within=0", []string{"within"}},
		{"within huge", "near=35,-120&within=100000", []string{"within", "5000"}},
		{"within overflows", "near=35,-120&within=1e400", []string{"within"}},
		{"within NaN", "near=35,-120&within=NaN", []string{"within"}},
		{"within abc", "near=35,-120&within=abc", []string{"within", `"abc"`}},
		{"too many filters", manyTypes, []string{"too many filters", "21", "limit is 20"}},
		{"too many filters across names", "q=x" + strings.Repeat("&topic=a&tag=b&audience=c", 7), []string{"too many filters"}},
		{"filter too long", "type=" + strings.Repeat("x", 101), []string{"type", "too long"}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, serve(h, "GET", "/api/search?"+tc.query), http.StatusBadRequest, tc.says...)
		})
	}

	ok := []struct{ name, query string }{
		{"q of 256 bytes", "q=" + strings.Repeat("a", maxQueryBytes)},
		{"q with spaces around 256 bytes", "q=" + url.QueryEscape("  "+strings.Repeat("a", maxQueryBytes)+"  ")},
		{"size 1", "q=hotline&size=1"},
		{"size 50", "q=hotline&size=50"},
		{"last page", "q=hotline&page=20&size=50"},
		{"page 100 of 10", "q=hotline&page=100"},
		{"near at the poles and date line", "near=90,180&within=1"},
		{"near with spaces", "near=" + url.QueryEscape(" 35.28 , -120.66 ")},
		{"within at its limit", "near=35,-120&within=5000"},
		{"20 filters", "q=hotline" + strings.Repeat("&type=page", maxFilters)},
		{"empty filters do not count", "q=hotline" + strings.Repeat("&type=", 50)},
		{"unknown parameters are ignored", "q=hotline&sort=evil&fields=*"},
		{"nothing", ""},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			w := serve(h, "GET", "/api/search?"+tc.query)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d, want 200; body %s", w.Code, w.Body)
			}
			var r Result
			if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
				t.Fatalf("invalid JSON: %v", err)
			}
		})
	}
}

// TestHTMLError checks that the HTML endpoint shows a bad request's error
// inside the site's own search page, with a 400.
func TestHTMLError(t *testing.T) {
	h := bundledIndex(t)
	w := serve(h, "GET", "/search?q=hotline&size=51")
	if w.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	body := w.Body.String()
	for _, want := range []string{
		`<html lang="en">`,            // the site's layout ...
		`id="quick-exit"`,             // ... with its quick-exit button
		`href="tel:&#43;18883737888"`, // ... and the hotline band
		`<p class="search-error" role="alert">size must be from 1 to 50, not 51</p>`,
		`value="hotline"`, // the search box keeps the words
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, bad := range []string{site.SearchQueryToken, site.SearchResultsToken, site.SearchTitleToken} {
		if strings.Contains(body, bad) {
			t.Errorf("page still holds %s", bad)
		}
	}
	if strings.Contains(body, `class="hits"`) {
		t.Error("an error page lists hits")
	}
}

// TestHTMLResults checks the HTML page of a normal search.
func TestHTMLResults(t *testing.T) {
	h := bundledIndex(t)
	w := serve(h, "GET", "/search?q=wallet+card")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`<title>Search results for “wallet card”`,
		`<a href="/materials/who-can-call/">Who can call and how</a>`,
		`<mark>wallet</mark>`,
		`results for “wallet card”.`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// HEAD gets the headers and no body.
	w = serve(h, "HEAD", "/search?q=wallet+card")
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Errorf("HEAD: status %d, %d bytes of body", w.Code, w.Body.Len())
	}
}

// TestHTMLPlaceholderInQuery checks that words that look like the page's
// placeholders are shown as typed and do not move the results.
func TestHTMLPlaceholderInQuery(t *testing.T) {
	h := bundledIndex(t)
	for _, tok := range []string{site.SearchResultsToken, site.SearchQueryToken, site.SearchTitleToken} {
		w := serve(h, "GET", "/search?q="+tok)
		body := w.Body.String()
		title, _, _ := strings.Cut(body, "</title>")
		if strings.Contains(title, "search-results") {
			t.Errorf("q=%s: the results went into the <title>", tok)
		}
		if !strings.Contains(body, `<div class="search-results">`) {
			t.Errorf("q=%s: the page has no results part", tok)
		}
		if n := strings.Count(body, `<div class="search-results">`); n != 1 {
			t.Errorf("q=%s: %d results parts", tok, n)
		}
	}
}

// TestMethods checks that only GET and HEAD are answered.
func TestMethods(t *testing.T) {
	h := bundledIndex(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, path := range []string{"/search?q=x", "/api/search?q=x"} {
			w := serve(h, m, path)
			if w.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", m, path, w.Code)
			}
			if got := w.Header().Get("Allow"); got != "GET, HEAD" {
				t.Errorf("%s %s: Allow %q", m, path, got)
			}
		}
	}
}

// TestSecurityHeaders checks that every answer carries the security
// headers, whatever its status.
func TestSecurityHeaders(t *testing.T) {
	h := bundledIndex(t)
	busy := openIndex(t, bundledDir(t), Options{MaxConcurrent: 1})
	busy.gate = newGate(1, 0, time.Second) // one slot, no queue
	leave, err := busy.gate.enter(context.Background(), "someone else")
	if err != nil {
		t.Fatal(err)
	}
	defer leave()
	cases := []struct {
		name   string
		h      http.Handler
		method string
		target string
		status int
	}{
		{"json 200", h, "GET", "/api/search?q=hotline", 200},
		{"html 200", h, "GET", "/search?q=hotline", 200},
		{"html 200 without q", h, "GET", "/search", 200},
		{"json 400", h, "GET", "/api/search?size=0", 400},
		{"html 400", h, "GET", "/search?size=0", 400},
		{"405", h, "POST", "/api/search?q=hotline", 405},
		{"404", h, "GET", "/nothing-here", 404},
		{"json 503", busy, "GET", "/api/search?q=hotline", 503},
		{"html 503", busy, "GET", "/search?q=hotline", 503},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := serve(tc.h, tc.method, tc.target)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			for k, v := range securityHeaders {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			csp := w.Header().Get("Content-Security-Policy")
			for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*"} {
				if strings.Contains(csp, bad) {
					t.Errorf("Content-Security-Policy allows %s: %s", bad, csp)
				}
			}
			for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("Content-Security-Policy lacks %s", want)
				}
			}
			for k, want := range map[string]string{
				"Referrer-Policy":        "no-referrer",
				"X-Content-Type-Options": "nosniff",
				"X-Frame-Options":        "DENY",
			} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
			if tc.status != 404 && tc.status != 405 {
				if got := w.Header().Get("Cache-Control"); got != "no-store" {
					t.Errorf("Cache-Control %q, want no-store: results are not to be kept", got)
				}
			}
		})
	}
}

// TestSecurityHeadersMatchNetlify keeps SecurityHeaders equal to the
// headers netlify.toml declares for every path, which the static pages get.
func TestSecurityHeadersMatchNetlify(t *testing.T) {
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := toml.DecodeFile("../../netlify.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	var all map[string]string
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			if all != nil {
				t.Fatal(`netlify.toml has two [[headers]] for "/*"`)
			}
			all = h.Values
		}
	}
	if all == nil {
		t.Fatal(`netlify.toml has no [[headers]] for "/*"`)
	}
	if diff := cmp.Diff(all, securityHeaders); diff != "" {
		t.Errorf("SecurityHeaders differ from netlify.toml (-netlify.toml +SecurityHeaders):\n%s", diff)
	}
}

// TestBusy checks that a search beyond the slots and the queue is turned
// away at once with a 503 and Retry-After.
func TestBusy(t *testing.T) {
	h := openIndex(t, bundledDir(t), Options{MaxConcurrent: 1})
	h.gate = newGate(1, 0, time.Second)                              // one slot, no queue
	leave, err := h.gate.enter(context.Background(), "someone else") // a search in progress
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/api/search?q=hotline", "/search?q=hotline"} {
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() { done <- serve(h, "GET", target) }()
		var w *httptest.ResponseRecorder
		select {
		case w = <-done:
		case <-time.After(30 * time.Second): // a hang, not a slow machine
			t.Fatalf("%s: the request waited for the search in progress", target)
		}
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("%s: status %d, want 503", target, w.Code)
		}
		if got := w.Header().Get("Retry-After"); got != "1" {
			t.Errorf("%s: Retry-After %q, want 1", target, got)
		}
		if strings.HasPrefix(target, "/api/") {
			wantError(t, w, http.StatusServiceUnavailable, "too many searches")
		} else if !strings.Contains(w.Body.String(), "too many searches") {
			t.Errorf("%s: the page does not say why", target)
		}
	}
	leave() // the search in progress ends
	if w := serve(h, "GET", "/api/search?q=hotline"); w.Code != http.StatusOK {
		t.Errorf("after the search in progress ended: status %d, want 200", w.Code)
	}
}

// TestQueue checks that a search arriving while every slot is taken waits
// for one instead of being refused.
func TestQueue(t *testing.T) {
	h := openIndex(t, bundledDir(t), Options{MaxConcurrent: 1, MaxWait: time.Minute})
	leave, err := h.gate.enter(context.Background(), "someone else")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { done <- serve(h, "GET", "/api/search?q=hotline").Code }()
	// Wait until the request is queued, by counting, not by time.
	for {
		h.gate.mu.Lock()
		n := len(h.gate.waiting)
		h.gate.mu.Unlock()
		if n == 1 {
			break
		}
		runtime.Gosched()
	}
	leave()
	if code := <-done; code != http.StatusOK {
		t.Errorf("queued search: status %d, want 200", code)
	}
}

// TestFairShare checks that a freed slot goes to the client with the
// fewest searches running, not to the one that queued most.
func TestFairShare(t *testing.T) {
	g := newGate(2, 10, time.Minute)
	ctx := context.Background()
	leaveA1, _ := g.enter(ctx, "a")
	leaveA2, _ := g.enter(ctx, "a") // a holds both slots
	got := make(chan string, 4)
	queue := func(client string) {
		g.mu.Lock()
		n := len(g.waiting)
		g.mu.Unlock()
		go func() {
			leave, err := g.enter(ctx, client)
			if err != nil {
				got <- "error " + err.Error()
				return
			}
			got <- client
			_ = leave
		}()
		for { // until it is queued
			g.mu.Lock()
			m := len(g.waiting)
			g.mu.Unlock()
			if m > n {
				return
			}
			runtime.Gosched()
		}
	}
	queue("a")
	queue("a")
	queue("b") // came last
	leaveA1()
	if first := <-got; first != "b" {
		t.Errorf("the freed slot went to %s, want b, which had none", first)
	}
	leaveA2()
	if second := <-got; second != "a" {
		t.Errorf("the second slot went to %s, want a", second)
	}
}

// TestDeadline checks that a search past its deadline is a 503 that says
// so. bleve checks the context before it collects the first hit, so a
// deadline of 1ns has always passed by then.
func TestDeadline(t *testing.T) {
	h := openIndex(t, bundledDir(t), Options{Timeout: time.Nanosecond})
	w := serve(h, "GET", "/api/search?q=hotline")
	wantError(t, w, http.StatusServiceUnavailable, "took too long")
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1", got)
	}
	w = serve(h, "GET", "/search?q=hotline")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "took too long") {
		t.Errorf("HTML: status %d, want 503 saying the search took too long", w.Code)
	}
	// An empty search runs no query, so it has no deadline to miss.
	if w := serve(h, "GET", "/api/search"); w.Code != http.StatusOK {
		t.Errorf("empty search: status %d, want 200", w.Code)
	}
}

// TestCancelled checks that a request whose client went away is not
// reported as a server error.
func TestCancelled(t *testing.T) {
	h := bundledIndex(t)
	req := httptest.NewRequest("GET", "/api/search?q=hotline", nil)
	ctx, cancel := context.WithCancel(req.Context())
	cancel()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req.WithContext(ctx))
	if w.Code >= 500 {
		t.Errorf("status %d for a cancelled request; a server error would page someone", w.Code)
	}
}

// TestDamagedIndex checks that an index file truncated while the handler
// has it open (it is memory-mapped: reading past the new end faults) is
// answered with a clear 503, not a crash, and that the handler reopens
// the index once it is whole again; and that Open refuses a missing or
// truncated index with an error, not a panic.
func TestDamagedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.CopyFS(dir, os.DirFS(bundledDir(t))); err != nil {
		t.Fatal(err)
	}
	h := openIndex(t, dir, Options{})
	h.reopenEvery = 0
	if w := serve(h, "GET", "/api/search?q=hotline"); w.Code != http.StatusOK {
		t.Fatalf("before: status %d", w.Code)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, bleveDir, "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment file")
	}
	whole := map[string][]byte{}
	for _, z := range zaps {
		data, err := os.ReadFile(z)
		if err != nil {
			t.Fatal(err)
		}
		whole[z] = data
		if err := os.Truncate(z, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, target := range []string{"/api/search?q=hotline", "/search?q=hotline", "/api/search?q=trafficking+referrals"} {
		w := serve(h, "GET", target)
		if w.Code != http.StatusServiceUnavailable && w.Code != http.StatusOK {
			t.Errorf("%s on a truncated index: status %d, want 503 (or 200 from pages still mapped)", target, w.Code)
		}
		if w.Code == http.StatusServiceUnavailable && !strings.Contains(w.Body.String(), "index") {
			t.Errorf("%s: the 503 does not say why: %s", target, w.Body)
		}
	}
	if _, err := Open(dir, Options{}); err == nil {
		t.Error("Open accepted a truncated index")
	} else if !strings.Contains(err.Error(), dir) {
		t.Errorf("Open's error does not name the folder: %v", err)
	}
	for z, data := range whole {
		if err := os.WriteFile(z, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if w := serve(h, "GET", "/api/search?q=hotline"); w.Code != http.StatusOK {
		t.Errorf("after the index was whole again: status %d: %s", w.Code, w.Body)
	}

	_, err := Open(filepath.Join(t.TempDir(), "missing"), Options{})
	if err == nil || !strings.Contains(err.Error(), "build the site first") {
		t.Errorf("Open of a missing index: %v, want an error saying to build the site", err)
	}
}

// TestGzip checks that answers are compressed for clients that accept it,
// and only for them.
func TestGzip(t *testing.T) {
	h := bundledIndex(t)
	for _, target := range []string{"/api/search?q=hotline", "/search?q=hotline"} {
		plain := serve(h, "GET", target)
		req := httptest.NewRequest("GET", target, nil)
		req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if plain.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: compressed for a client that did not ask", target)
		}
		if got := w.Header().Get("Content-Encoding"); got != "gzip" {
			t.Fatalf("%s: Content-Encoding %q, want gzip", target, got)
		}
		if !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: no Vary: Accept-Encoding", target)
		}
		zr, err := gzip.NewReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		// took_ms differs from one answer to the next.
		norm := func(b []byte) string { return regexp.MustCompile(`"took_ms":[0-9.]+`).ReplaceAllString(string(b), "") }
		if norm(body) != norm(plain.Body.Bytes()) {
			t.Errorf("%s: the gzipped body differs from the plain one", target)
		}
		if w.Body.Len() >= len(body) {
			t.Errorf("%s: %d bytes gzipped, %d plain", target, w.Body.Len(), len(body))
		}
	}
	for h, want := range map[string]bool{
		"": false, "gzip": true, "GZIP": true, "deflate, gzip": true, "gzip;q=0": false, "gzip; q=0.0": false,
		"gzip;q=0.5": true, "*": true, "br": false, "x-gzip": false, "gzip;q=1": true,
	} {
		if acceptsGzip(h) != want {
			t.Errorf("acceptsGzip(%q) = %v", h, !want)
		}
	}
}
