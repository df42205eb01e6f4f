package server

import (
	"bytes"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func get(t *testing.T, h *Static, target string) (int, string, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header().Get("Location"), string(body)
}

func newStatic(t *testing.T, fsys fstest.MapFS) *Static {
	t.Helper()
	h, err := NewStatic(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestStaticTraversal checks that no request reads outside the output
// folder, however it spells "..", nor follows a symbolic link out of it.
// (The whole table, over HTTP with the headers, is serve_hostile.txtar.)
func TestStaticTraversal(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "public")
	for name, data := range map[string]string{"index.html": "home", "404.html": "not found", "sub/index.html": "sub"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "secret beside the output"
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	h, err := NewStatic(r.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{
		"/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/%2e%2e/", "/%2E%2E/%2E%2E/etc/passwd",
		"/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/link.txt",
	} {
		code, _, body := get(t, h, target)
		if code != 400 && code != 404 {
			t.Errorf("%s: status %d, want 400 or 404 (body %q)", target, code, body)
		}
		if bytes.Contains([]byte(body), []byte(secret)) || bytes.Contains([]byte(body), []byte("root:")) {
			t.Errorf("%s: the answer reads outside the output: %q", target, body)
		}
	}
}

// TestStaticRedirects checks how _redirects lines are read, and that a
// language's own not-found page serves its addresses.
func TestStaticRedirects(t *testing.T) {
	t.Parallel()
	h := newStatic(t, fstest.MapFS{
		"_redirects": {Data: []byte(`# a comment
/old/ /new/ 301
/temp /elsewhere/ 302
/forced/ /new/ 301!
/default/ /new/
/only-one-field

/new/ /newer/ 301
/es/* /es/404.html 404
`)},
		"404.html":           {Data: []byte("not found")},
		"new/index.html":     {Data: []byte("new")},
		"es/404.html":        {Data: []byte("no encontrada")},
		"es/hola/index.html": {Data: []byte("hola")},
		".lock":              {Data: []byte("hidden")},
		"index.bleve/x":      {Data: []byte("index")},
	})
	h.hide = []string{"index.bleve"}
	for _, tt := range []struct {
		target   string
		status   int
		location string
		body     string
	}{
		{"/old/", 301, "/new/", ""},
		{"/old", 301, "/new/", ""},
		{"/temp", 302, "/elsewhere/", ""},
		{"/temp/", 302, "/elsewhere/", ""},
		{"/forced/", 301, "/new/", ""},
		{"/default/", 301, "/new/", ""},
		{"/only-one-field", 404, "", "not found"},
		// A file at the address wins over a redirect, as on Netlify without `!`.
		{"/new/", 200, "", "new"},
		{"/unknown/", 404, "", "not found"},
		{"/es/nada/", 404, "", "no encontrada"},
		{"/es/a/b.pdf", 404, "", "no encontrada"},
		{"/es/hola/", 200, "", "hola"},
		{"/estonia/", 404, "", "not found"},
		{"/.lock", 404, "", "not found"},
		{"/index.bleve/x", 404, "", "not found"},
	} {
		code, loc, body := get(t, h, tt.target)
		if code != tt.status || loc != tt.location || tt.body != "" && body != tt.body {
			t.Errorf("%s: %d %q %q, want %d %q %q", tt.target, code, loc, body, tt.status, tt.location, tt.body)
		}
	}
}
