package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"resourcelib/generator/search"
	"resourcelib/generator/site"
)

// TestHostileTitlesInSearch builds the site of testdata/script/safe_markup.txtar
// (titles, descriptions and an organization name holding
// </script><script>) with its search index, and checks that the search
// page and the search API answer with those values escaped: the index
// keeps them as written, so the handler must escape them in its answers.
func TestHostileTitlesInSearch(t *testing.T) {
	t.Parallel()
	ar, err := txtar.ParseFile("testdata/script/safe_markup.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	for _, f := range ar.Files {
		name := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := build(site.Options{}, src, out, "", &stdout, &stderr); code != 0 {
		t.Fatalf("build exited %d:\n%s%s", code, &stdout, &stderr)
	}
	h, err := search.Open(indexDir(out, ""), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for _, target := range []string{
		"/search?q=title", "/search?q=alert", "/search?q=organization", "/search?q=org",
		"/api/search?q=title", "/api/search?q=alert", "/api/search?q=organization",
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Errorf("%s: status %d: %s", target, w.Code, body)
			continue
		}
		if !strings.Contains(body, "Title") && !strings.Contains(body, "Org") && !strings.Contains(body, "organization") {
			t.Errorf("%s: no hostile page found, so nothing was checked:\n%s", target, body)
		}
		for _, bad := range []string{"<script>alert", "</script><script>", "<iframe", "onerror=", `" onmouseover`} {
			if strings.Contains(body, bad) {
				i := strings.Index(body, bad)
				t.Errorf("%s: the answer holds %q unescaped: ...%s...", target, bad, body[max(0, i-80):min(len(body), i+80)])
			}
		}
	}
}
