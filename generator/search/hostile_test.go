package search

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkAnswer checks that an /api/search answer is a 200 with valid
// results or a 400 with an error, never anything else.
func checkAnswer(t *testing.T, q string, w *httptest.ResponseRecorder) {
	t.Helper()
	switch w.Code {
	case http.StatusOK:
		var r Result
		if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
			t.Fatalf("q=%q: invalid JSON: %v", q, err)
		}
		if r.Hits == nil || r.Facets == nil {
			t.Errorf("q=%q: hits or facets null: %s", q, w.Body)
		}
		if !utf8.ValidString(r.Query) {
			t.Errorf("q=%q: query echoed as invalid UTF-8", q)
		}
		for _, h := range r.Hits {
			if err := checkSnippet(h.Snippet); err != nil {
				t.Errorf("q=%q: %s: %v", q, h.URL, err)
			}
		}
	case http.StatusBadRequest:
		var e struct{ Error string }
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Fatalf("q=%q: 400 without an error message: %s", q, w.Body)
		}
	default:
		t.Fatalf("q=%q: status %d: %s", q, w.Code, w.Body)
	}
}

// TestHostileQueries checks that query syntax, long words and odd text are
// answered as plain text, or rejected, with a valid body. (How long they
// take is measured by BenchmarkSearch, not asserted: machines are noisy.)
func TestHostileQueries(t *testing.T) {
	h := bundledIndex(t)
	for name, q := range hostileQueries {
		t.Run(name, func(t *testing.T) {
			w := serve(h, "GET", "/api/search?q="+url.QueryEscape(q))
			checkAnswer(t, q, w)
			if w.Code != http.StatusOK {
				t.Errorf("status %d for a search within the limits", w.Code)
			}
			hw := serve(h, "GET", "/search?q="+url.QueryEscape(q))
			if hw.Code != http.StatusOK {
				t.Errorf("HTML: status %d", hw.Code)
			}
		})
	}

	// Syntax is text: what is left of it are words, or nothing.
	for _, q := range []string{"*", "/.*/", "a*", "*a*", `+-&&||!(){}[]^"~*?:\/`} {
		var r Result
		w := serve(h, "GET", "/api/search?q="+url.QueryEscape(q))
		if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil || r.Total != 0 {
			t.Errorf("q=%q: %d results, want none: syntax must not match everything", q, r.Total)
		}
	}
	// "title:x" is the words title and x.
	field := apiSearch(t, h, q("title:x"))
	words := apiSearch(t, h, q("title x"))
	if field.Total != words.Total {
		t.Errorf("title:x finds %d, title x finds %d", field.Total, words.Total)
	}
	// Words in other scripts find the same as without the emoji.
	if a, b := apiSearch(t, h, q("🔥🚨 hotline 🙏")), apiSearch(t, h, q("hotline")); a.Total != b.Total {
		t.Errorf("emoji changed the results: %d, want %d", a.Total, b.Total)
	}
	if r := apiSearch(t, h, q("hotline горячая линия 热线")); r.Total == 0 {
		t.Error("a word in Latin script among others found nothing")
	}

	// NUL is refused with a 400.
	w := serve(h, "GET", "/api/search?q=hot%00line")
	checkAnswer(t, "hot\x00line", w)
	if w.Code != http.StatusBadRequest {
		t.Errorf("NUL: status %d, want 400", w.Code)
	}
}

// TestHugeQuery sends a query of 20,000 words over a real connection: the
// handler reads it and refuses it by its size.
func TestHugeQuery(t *testing.T) {
	h := bundledIndex(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	q := strings.Repeat("trafficking ", 20000)
	for _, path := range []string{"/api/search", "/search"} {
		resp, err := http.Get(srv.URL + path + "?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("%s: status %d, want 400", path, resp.StatusCode)
		}
		want := "the search text is 239999 bytes long; the limit is 256"
		if !strings.Contains(string(body), want) {
			t.Errorf("%s: the answer does not say %q:\n%.300s", path, want, body)
		}
		if path == "/search" && strings.Contains(string(body), "trafficking trafficking trafficking trafficking") {
			// The page echoes the words in the search box; it should not
			// echo a quarter of a megabyte.
			t.Logf("%s: the page echoes the %d-byte query (%d bytes)", path, len(q), len(body))
		}
	}
}

// TestHostileRequests is issue 10's table of hostile search requests,
// sent over a real connection to the real handler: each is answered with
// a clear 4xx or a plain-text search, with the security headers, and no
// answer holds the markup that was sent.
func TestHostileRequests(t *testing.T) {
	h := bundledIndex(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	const script = `<script>alert(1)</script>`
	const svg = `"><svg onload=alert(1)>`
	big := strings.Repeat("trafficking ", 100<<10/12)
	cases := []struct {
		name, method, target string
		header, body         string
		status               int
	}{
		{"size -5", "GET", "/api/search?q=hotline&size=-5", "", "", 400},
		{"page -1", "GET", "/api/search?q=hotline&page=-1", "", "", 400},
		{"size 100000", "GET", "/api/search?q=hotline&size=100000", "", "", 400},
		{"page 1e9", "GET", "/api/search?q=hotline&page=1000000000", "", "", 400},
		{"q of 100 KB", "GET", "/api/search?q=" + url.QueryEscape(big), "", "", 400},
		{"q of 100 KB html", "GET", "/search?q=" + url.QueryEscape(big), "", "", 400},
		{"q of 100 KB in a POST body", "POST", "/api/search", "", "q=" + url.QueryEscape(big), 405},
		{"star", "GET", "/api/search?q=*", "", "", 200},
		{"regexp", "GET", "/api/search?q=" + url.QueryEscape("/.*/"), "", "", 200},
		{"stars", "GET", "/api/search?q=" + url.QueryEscape("*a*"), "", "", 200},
		{"prefix star", "GET", "/api/search?q=a*", "", "", 200},
		{"fuzzy syntax", "GET", "/api/search?q=" + url.QueryEscape("x~2"), "", "", 200},
		{"field syntax", "GET", "/api/search?q=" + url.QueryEscape("title:x"), "", "", 200},
		{"unterminated quote", "GET", "/api/search?q=" + url.QueryEscape(`"unterminated`), "", "", 200},
		{"operators", "GET", "/api/search?q=" + url.QueryEscape("+-~^"), "", "", 200},
		{"invalid UTF-8", "GET", "/api/search?q=%ff%fehot%c3line", "", "", 200},
		{"invalid UTF-8 html", "GET", "/search?q=%ff%fehot%c3line", "", "", 200},
		{"NUL", "GET", "/api/search?q=hot%00line", "", "", 400},
		{"near out of range", "GET", "/api/search?near=91,181", "", "", 400},
		{"near not numeric", "GET", "/api/search?near=north,west", "", "", 400},
		{"within -1", "GET", "/api/search?near=35,-120&within=-1", "", "", 400},
		{"a filter 1,000 times", "GET", "/api/search?q=x" + strings.Repeat("&type=page", 1000), "", "", 400},
		{"q 1,000 times", "GET", "/api/search" + "?q=hotline" + strings.Repeat("&q=x", 999), "", "", 200},
		// net/http reads headers up to 1 MB (and a little): one of 1 MB is
		// served, a larger one refused before the handler sees it.
		{"a 1 MB header", "GET", "/api/search?q=hotline", strings.Repeat("x", 1<<20-100), "", 200},
		{"a 2 MB header", "GET", "/api/search?q=hotline", strings.Repeat("x", 2<<20), "", 431},
		{"HEAD", "HEAD", "/api/search?q=hotline", "", "", 200},
		{"HEAD html", "HEAD", "/search?q=hotline", "", "", 200},
		{"POST", "POST", "/api/search?q=hotline", "", "q=hotline", 405},
		{"PUT", "PUT", "/search?q=hotline", "", "", 405},
		{"OPTIONS", "OPTIONS", "/api/search?q=hotline", "", "", 405},
		{"not search", "GET", "/es/searchx?q=hotline", "", "", 404},
		{"markup in q json", "GET", "/api/search?q=" + url.QueryEscape(script+svg), "", "", 200},
		{"markup in q html", "GET", "/search?q=" + url.QueryEscape(script+svg), "", "", 200},
		{"markup in an error", "GET", "/search?q=" + url.QueryEscape(script) + "&size=" + url.QueryEscape(svg), "", "", 400},
		{"markup in near", "GET", "/search?near=" + url.QueryEscape(script), "", "", 400},
		{"markup in within", "GET", "/api/search?near=1,1&within=" + url.QueryEscape(svg), "", "", 400},
	}
	for _, f := range facetFields {
		for _, path := range []string{"/search", "/api/search"} {
			cases = append(cases, struct {
				name, method, target string
				header, body         string
				status               int
			}{"markup in " + f.param + " " + path, "GET", path + "?q=hotline&" + f.param + "=" + url.QueryEscape(script+svg), "", "", 200})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.target, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if tc.header != "" {
				req.Header.Set("X-Big", tc.header)
			}
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tc.status, body)
			}
			if tc.status == 431 {
				return // answered by net/http before the handler
			}
			for k, v := range securityHeaders {
				if resp.Header.Get(k) != v {
					t.Errorf("header %s missing or wrong", k)
				}
			}
			for _, bad := range []string{"<script>alert", "<svg onload"} {
				if strings.Contains(string(body), bad) {
					t.Errorf("the answer holds %s unescaped", bad)
				}
			}
			if tc.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD: %d bytes of body", len(body))
			}
			if tc.status == 200 && tc.method == "GET" && strings.HasPrefix(tc.target, "/api/") {
				var r Result
				if err := json.Unmarshal(body, &r); err != nil {
					t.Fatalf("invalid JSON: %v", err)
				}
				if !utf8.ValidString(r.Query) {
					t.Errorf("query echoed as invalid UTF-8")
				}
			}
		})
	}
}
