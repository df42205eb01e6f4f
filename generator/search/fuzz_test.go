package search

import (
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParams checks that parseParams never panics and that whatever it
// accepts is within the limits.
func FuzzParams(f *testing.F) {
	for _, s := range []string{
		"q=hotline",
		"q=hotline&page=20&size=50",
		"q=hotline&page=21&size=50",
		"q=x&page=4611686018427387904&size=4",
		"q=x&page=-9223372036854775808&size=-1",
		"near=35,-120&within=50",
		"near=90,180&within=5000",
		"near=NaN,0", "near=1,2,3", "near=1e308,1e308", "within=1",
		"near=35,-120&within=1e-320",
		"type=material&type=ORGANIZATION&topic=%20x%20&tag=",
		"q=%00", "q=%ff%fe", "q=a;b", "q=%zz&q=x",
		"q=" + strings.Repeat("ab ", 100),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw) // what parses is used, like r.URL.Query()
		p, err := parseParams(v)
		if err != nil {
			var br badRequest
			if !errors.As(err, &br) || br.msg == "" {
				t.Fatalf("%q: error %v is not a badRequest with a message", raw, err)
			}
			return
		}
		if len(p.Q) > maxQueryBytes || strings.ContainsRune(p.Q, 0) || p.Q != strings.TrimSpace(p.Q) {
			t.Errorf("%q: accepted q %q", raw, p.Q)
		}
		if len(p.Words) > maxWords {
			t.Errorf("%q: %d words", raw, len(p.Words))
		}
		seen := map[string]bool{}
		for _, w := range p.Words {
			if w == "" || seen[w] || w != strings.ToLower(w) || strings.ContainsAny(w, " \t\n*:/\\\"~^") {
				t.Errorf("%q: word %q", raw, w)
			}
			seen[w] = true
		}
		if p.Size < 1 || p.Size > maxSize || p.Page < 1 || p.Page > maxResults || p.Page*p.Size > maxResults {
			t.Errorf("%q: page %d of size %d", raw, p.Page, p.Size)
		}
		n := 0
		for name, vals := range p.Filters {
			known := false
			for _, f := range facetFields {
				known = known || f.param == name
			}
			if !known {
				t.Errorf("%q: unknown filter %q", raw, name)
			}
			for _, val := range vals {
				n++
				if val == "" || len(val) > 100 || val != strings.ToLower(strings.TrimSpace(val)) {
					t.Errorf("%q: filter %s=%q", raw, name, val)
				}
			}
		}
		if n > maxFilters {
			t.Errorf("%q: %d filters", raw, n)
		}
		if p.Near != nil {
			if !(p.Near.Lat >= -90 && p.Near.Lat <= 90 && p.Near.Lon >= -180 && p.Near.Lon <= 180) {
				t.Errorf("%q: near %+v", raw, *p.Near)
			}
			if !(p.WithinKM > 0 && p.WithinKM <= maxWithinKM) || math.IsNaN(p.WithinKM) {
				t.Errorf("%q: within %v", raw, p.WithinKM)
			}
		} else if p.WithinKM != 0 {
			t.Errorf("%q: within %v without near", raw, p.WithinKM)
		}
	})
}

// FuzzSearch sends arbitrary words to the bundled site's index: never a
// server error, never a panic, always a valid body with safe snippets.
func FuzzSearch(f *testing.F) {
	for _, q := range hostileQueries {
		f.Add(q)
	}
	for _, q := range []string{"hotline", "hotlne refferals", "traff", "wallet card", "SEARCH_RESULTS_PLACEHOLDER", "<mark>", "&lt;script&gt;", "\x00", ""} {
		f.Add(q)
	}
	h := bundledIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		target := "?q=" + url.QueryEscape(q)
		w := serve(h, "GET", "/api/search"+target)
		if w.Code == http.StatusServiceUnavailable {
			return // the deadline passed on a loaded machine
		}
		checkAnswer(t, q, w)
		hw := serve(h, "GET", "/search"+target)
		if hw.Code != http.StatusOK && hw.Code != http.StatusBadRequest && hw.Code != http.StatusServiceUnavailable {
			t.Fatalf("HTML: status %d", hw.Code)
		}
		if !utf8.Valid(hw.Body.Bytes()) && utf8.ValidString(q) {
			t.Errorf("HTML: invalid UTF-8 for valid words")
		}
		if n := strings.Count(hw.Body.String(), `<div class="search-results">`); n != 1 {
			t.Errorf("HTML: %d results parts", n)
		}
	})
}

// FuzzHandler sends arbitrary paths and query strings to the whole
// handler: never a panic, never a 5xx other than the intended 503, and no
// markup from the request in the answer.
func FuzzHandler(f *testing.F) {
	for _, s := range []struct{ path, query string }{
		{"/api/search", "q=hotline&type=page&size=5"},
		{"/search", "q=hotlne+refferals&page=2"},
		{"/search", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&topic=%22%3E%3Csvg%20onload%3Dx%3E"},
		{"/api/search", "near=35.28,-120.66&within=50"},
		{"/es/search", "q=ayuda"},
		{"/es/searchx", "q=x"},
		{"/api/search/", "q=*&size=-5"},
		{"/search", "q=%ff%fe%00&page=1000000000"},
		{"/api/search", "q=data.gov&facets=0"},
	} {
		f.Add(s.path, s.query)
	}
	h := bundledIndex(f)
	f.Fuzz(func(t *testing.T, path, query string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " ?#\x00\r\n") {
			return // not a path a server would pass on
		}
		u, err := url.Parse(path)
		if err != nil {
			return
		}
		u.RawQuery = query
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = u
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("%s?%s: status %d: %s", path, query, w.Code, w.Body)
		}
		for _, bad := range []string{"<script>alert", "<svg onload"} {
			if strings.Contains(w.Body.String(), bad) {
				t.Errorf("%s?%s: the answer holds %s", path, query, bad)
			}
		}
		for k, v := range securityHeaders {
			if w.Header().Get(k) != v {
				t.Errorf("%s?%s: header %s missing", path, query, k)
			}
		}
	})
}
