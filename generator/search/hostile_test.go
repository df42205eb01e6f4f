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
