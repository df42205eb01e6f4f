package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"resourcelib/generator/site"
)

// serveSite is the site the server tests build: a page with an alias, a
// section, and the bundled layouts and static files.
const serveSite = `
-- content/site.yaml --
title: Serve test
base_url: https://example.org/
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/a/b.md --
---
title: Page B
aliases: [/old/]
---
Body of B.
`

// buildSite writes a txtar site into a temporary folder, builds it, and
// returns the output folder.
func buildSite(t *testing.T, archive string) string {
	t.Helper()
	src := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
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
	if code := build(site.Options{}, src, out, "none", &stdout, &stderr); code != 0 {
		t.Fatalf("build exited %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	return out
}

func newTestHandler(t *testing.T, dir string) *staticHandler {
	t.Helper()
	rules, err := headerRules("..") // the repository's netlify.toml
	if err != nil {
		t.Fatal(err)
	}
	h, err := newStaticHandler(dir, rules)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.root.Close() })
	return h
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestServe(t *testing.T) {
	dir := buildSite(t, serveSite)
	h := newTestHandler(t, dir)
	page := readFile(t, filepath.Join(dir, "a/b/index.html"))
	home := readFile(t, filepath.Join(dir, "index.html"))
	notFound := readFile(t, filepath.Join(dir, "404.html"))

	tests := []struct {
		name     string
		method   string
		target   string // the request line's target, as a browser sends it
		status   int
		location string // for redirects
		body     string // "" to skip the check, except for HEAD
	}{
		{name: "home", target: "/", status: 200, body: home},
		{name: "page", target: "/a/b/", status: 200, body: page},
		{name: "page without slash", target: "/a/b", status: 301, location: "/a/b/"},
		{name: "head", method: "HEAD", target: "/a/b/", status: 200},
		{name: "static file", target: "/favicon.svg", status: 200},
		{name: "unknown page", target: "/nope/", status: 404, body: notFound},
		{name: "unknown file", target: "/a/b/missing.pdf", status: 404, body: notFound},
		{name: "folder without index", target: "/css/", status: 404, body: notFound},
		{name: "alias", target: "/old/", status: 301, location: "/a/b/"},
		{name: "alias without slash", target: "/old", status: 301, location: "/a/b/"},
		{name: "post", method: "POST", target: "/a/b/", status: 405},
		{name: "put", method: "PUT", target: "/", status: 405},
		// A double slash must not become a protocol-relative redirect
		// (//css/ is the host "css").
		{name: "double slash", target: "//css", status: 301, location: "/css/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(method, tt.target, nil))
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			body, _ := io.ReadAll(res.Body)
			if method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD response has a %d-byte body", len(body))
			}
			if tt.body != "" {
				if diff := cmp.Diff(tt.body, string(body)); diff != "" {
					t.Errorf("body mismatch (-want +got):\n%s", diff)
				}
			}
			if tt.status == 405 {
				if got := res.Header.Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow = %q, want %q", got, "GET, HEAD")
				}
			}
			checkSecurityHeaders(t, res.Header)
		})
	}
}

// checkSecurityHeaders checks the headers netlify.toml sets on every path.
// They must be on errors and redirects too: a 404 page is a page.
func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if csp == "" {
		t.Error("no Content-Security-Policy")
	}
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("Content-Security-Policy allows %s: %s", bad, csp)
		}
	}
	for _, d := range []string{"default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("Content-Security-Policy lacks %q: %s", d, csp)
		}
	}
	want := map[string]string{
		"Referrer-Policy":        "no-referrer",
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if pp := h.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "microphone=()") {
		t.Errorf("Permissions-Policy = %q, want camera and microphone turned off", pp)
	}
	if hsts := h.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security = %q, want max-age=...", hsts)
	}
}

// TestServeTraversal checks that no request reads outside the output
// folder, however it spells "..".
func TestServeTraversal(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "public")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"index.html":     "home",
		"404.html":       "not found",
		"sub/index.html": "sub",
	}
	for name, data := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "secret beside the output"
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	// A symbolic link out of the output is not followed either.
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	h := newTestHandler(t, dir)
	for _, target := range []string{
		"/../secret.txt",
		"/../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2e%2e/",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/sub/../../secret.txt",
		"/sub/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/..%5csecret.txt",
		"/link.txt",
	} {
		t.Run(target, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != 400 && res.StatusCode != 404 {
				t.Errorf("status = %d, want 400 or 404 (body %q)", res.StatusCode, body)
			}
			if bytes.Contains(body, []byte(secret)) || bytes.Contains(body, []byte("root:")) {
				t.Errorf("the response reads outside the output: %q", body)
			}
			checkSecurityHeaders(t, res.Header)
		})
	}
}

// TestServeRedirects checks how _redirects lines are read.
func TestServeRedirects(t *testing.T) {
	dir := t.TempDir()
	redirects := `# a comment
/old/ /new/ 301
/temp /elsewhere/ 302
/forced/ /new/ 301!
/default/ /new/
/only-one-field

/new/ /newer/ 301
`
	os.WriteFile(filepath.Join(dir, "_redirects"), []byte(redirects), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("not found"), 0o644)
	os.MkdirAll(filepath.Join(dir, "new"), 0o755)
	os.WriteFile(filepath.Join(dir, "new/index.html"), []byte("new"), 0o644)
	h := newTestHandler(t, dir)

	tests := []struct {
		target   string
		status   int
		location string
	}{
		{"/old/", 301, "/new/"},
		{"/old", 301, "/new/"},
		{"/temp", 302, "/elsewhere/"},
		{"/temp/", 302, "/elsewhere/"},
		{"/forced/", 301, "/new/"},
		{"/default/", 301, "/new/"},
		{"/only-one-field", 404, ""},
		// A file at the address wins over a redirect, as on Netlify
		// without `!`.
		{"/new/", 200, ""},
		{"/unknown/", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
		})
	}
}

func TestMatchNetlify(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/a/b/", true},
		{"/*", "/css/site.css", true},
		{"/css/*", "/css/site.css", true},
		{"/css/*", "/css/", true},
		{"/css/*", "/css/sub/x.css", true},
		{"/css/*", "/js/site.js", false},
		{"/css/*", "/cssx/site.css", false},
		{"/css/*", "/", false},
		{"/about/", "/about/", true},
		{"/about/", "/about", true},
		{"/about", "/about/", true},
		{"/about/", "/about/team/", false},
		{"/about/", "/abou/", false},
		{"/", "/", true},
		{"/", "/a/", false},
	}
	for _, tt := range tests {
		if got := matchNetlify(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchNetlify(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// TestHeaderRules checks where the headers come from: the site's own
// netlify.toml, else the bundled one; a broken file is an error, not a
// server without its security headers.
func TestHeaderRules(t *testing.T) {
	forPaths := func(rules []headerRule) []string {
		var fs []string
		for _, r := range rules {
			fs = append(fs, r.For)
		}
		return fs
	}

	bundled, err := headerRules(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo, err := headerRules("..")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(repo, bundled); diff != "" {
		t.Errorf("bundled rules differ from ../netlify.toml (-repo +bundled):\n%s", diff)
	}
	if got := forPaths(bundled); len(got) == 0 || got[0] != "/*" {
		t.Errorf("bundled rules are for %q, want \"/*\" first", got)
	}

	own := t.TempDir()
	os.WriteFile(filepath.Join(own, "netlify.toml"), []byte(`
[[headers]]
  for = "/x/*"
  [headers.values]
    X-Test = "yes"
`), 0o644)
	rules, err := headerRules(own)
	if err != nil {
		t.Fatal(err)
	}
	want := []headerRule{{For: "/x/*", Values: map[string]string{"X-Test": "yes"}}}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("rules mismatch (-want +got):\n%s", diff)
	}

	broken := t.TempDir()
	os.WriteFile(filepath.Join(broken, "netlify.toml"), []byte("[[headers]\nfor = \n"), 0o644)
	if rules, err := headerRules(broken); err == nil {
		t.Errorf("headerRules of a broken netlify.toml = %v, nil; want an error", rules)
	} else if !strings.Contains(err.Error(), "netlify.toml") {
		t.Errorf("error %q does not name netlify.toml", err)
	}
}

// TestServeLanguageNotFound: a line such as `/es/* /es/404.html 404` in
// _redirects gives that language's addresses its own not-found page, as
// on Netlify; other addresses keep /404.html.
func TestServeLanguageNotFound(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "_redirects"), []byte("/old/ /new/ 301\n/es/* /es/404.html 404\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("not found"), 0o644)
	os.MkdirAll(filepath.Join(dir, "es/hola"), 0o755)
	os.WriteFile(filepath.Join(dir, "es/404.html"), []byte("no encontrada"), 0o644)
	os.WriteFile(filepath.Join(dir, "es/hola/index.html"), []byte("hola"), 0o644)
	h := newTestHandler(t, dir)
	for _, tt := range []struct {
		target string
		status int
		body   string
	}{
		{"/es/nada/", 404, "no encontrada"},
		{"/es/a/b.pdf", 404, "no encontrada"},
		{"/es/hola/", 200, "hola"},
		{"/nada/", 404, "not found"},
		{"/estonia/", 404, "not found"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
		if rec.Code != tt.status || rec.Body.String() != tt.body {
			t.Errorf("%s: %d %q, want %d %q", tt.target, rec.Code, rec.Body.String(), tt.status, tt.body)
		}
	}
}
