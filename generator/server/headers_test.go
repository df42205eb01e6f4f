package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMatch(t *testing.T) {
	t.Parallel()
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
		if got := Match(tt.pattern, tt.path); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// TestLoadHeaders checks where the headers come from: the site's own
// netlify.toml, else the bundled one; a broken file is an error, not a
// server without its security headers.
func TestLoadHeaders(t *testing.T) {
	t.Parallel()
	bundled, err := LoadHeaders(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo, err := LoadHeaders("../..")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(repo, bundled); diff != "" {
		t.Errorf("bundled rules differ from ../../netlify.toml (-repo +bundled):\n%s", diff)
	}
	if len(bundled) == 0 || bundled[0].For != "/*" {
		t.Errorf("bundled rules %v, want \"/*\" first", bundled)
	}

	own := t.TempDir()
	os.WriteFile(filepath.Join(own, "netlify.toml"), []byte("[[headers]]\n  for = \"/x/*\"\n  [headers.values]\n    X-Test = \"yes\"\n"), 0o644)
	rules, err := LoadHeaders(own)
	if err != nil {
		t.Fatal(err)
	}
	want := []HeaderRule{{For: "/x/*", Values: map[string]string{"X-Test": "yes"}}}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("rules mismatch (-want +got):\n%s", diff)
	}

	broken := t.TempDir()
	os.WriteFile(filepath.Join(broken, "netlify.toml"), []byte("[[headers]\nfor = \n"), 0o644)
	if rules, err := LoadHeaders(broken); err == nil {
		t.Errorf("LoadHeaders of a broken netlify.toml = %v, nil; want an error", rules)
	} else if !strings.Contains(err.Error(), "netlify.toml") {
		t.Errorf("error %q does not name netlify.toml", err)
	}
}

// TestHeaderBlocksDisjoint: no two [[headers]] blocks of the bundled
// netlify.toml whose paths can match one address set the same header, so
// what an address gets never depends on which block Netlify applies last
// (netlify dev lets the later win; Netlify's documentation does not say
// what its servers do).
func TestHeaderBlocksDisjoint(t *testing.T) {
	t.Parallel()
	rules, err := LoadHeaders(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	overlap := func(a, b string) bool {
		pa, wa := strings.CutSuffix(a, "*")
		pb, wb := strings.CutSuffix(b, "*")
		switch {
		case wa && wb:
			return strings.HasPrefix(pa, pb) || strings.HasPrefix(pb, pa)
		case wa:
			return Match(a, b)
		case wb:
			return Match(b, a)
		}
		return Match(a, b)
	}
	if !overlap("/*", "/admin/*") || overlap("/css/*", "/js/*") || !overlap("/admin/", "/admin/*") {
		t.Fatalf("overlap is wrong")
	}
	for i, a := range rules {
		for _, b := range rules[i+1:] {
			if !overlap(a.For, b.For) {
				continue
			}
			for k := range a.Values {
				for l := range b.Values {
					if strings.EqualFold(k, l) {
						t.Errorf("netlify.toml: the blocks for %s and %s both set %s: which wins depends on their order", a.For, b.For, k)
					}
				}
			}
		}
	}
}
