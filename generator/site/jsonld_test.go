package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

var ldRe = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestJSONLD builds a site whose front matter tries to break out of the
// JSON-LD script element, with the bundled layouts, and checks that each
// page's JSON-LD is one valid JSON object holding the text as written.
func TestJSONLD(t *testing.T) {
	const hostile = `Signs </script><script>alert(1)</script> & <!-- "quotes" \u2028`
	src := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T </script>\nbase_url: https://example.org/\nquick_exit_url: https://www.weather.gov/\n")},
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")},
		"content/materials/signs.md": {Data: []byte("---\ntitle: '" + hostile + "'\ndescription: 'A </SCRIPT > test'\n" +
			"date: 2026-05-01\nlastmod: 2026-06-10\naudience: [trainers]\ntopics: [hotline]\n---\nBody.\n")},
		"content/about.md": {Data: []byte("---\ntitle: About\n---\nAbout.\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out}); err != nil {
		t.Fatal(err)
	}
	ld := func(page string) map[string]any {
		t.Helper()
		html, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		m := ldRe.FindAllSubmatch(html, -1)
		if len(m) == 0 {
			return nil
		}
		if len(m) > 1 {
			t.Errorf("%s: %d JSON-LD elements, want 1", page, len(m))
		}
		var v map[string]any
		if err := json.Unmarshal(m[0][1], &v); err != nil {
			t.Fatalf("%s: the JSON-LD is not JSON (%v):\n%s", page, err, m[0][1])
		}
		return v
	}

	home := ld("index.html")
	want := map[string]any{
		"@context":   "https://schema.org",
		"@type":      "WebSite",
		"name":       "T </script>",
		"url":        "https://example.org/",
		"inLanguage": "en",
		"potentialAction": map[string]any{
			"@type":       "SearchAction",
			"target":      map[string]any{"@type": "EntryPoint", "urlTemplate": "https://example.org/search?q={search_term_string}"},
			"query-input": "required name=search_term_string",
		},
	}
	if diff := cmp.Diff(want, home); diff != "" {
		t.Errorf("home page JSON-LD mismatch (-want +got):\n%s", diff)
	}

	material := ld("materials/signs/index.html")
	want = map[string]any{
		"@context":            "https://schema.org",
		"@type":               "LearningResource",
		"name":                hostile,
		"description":         "A </SCRIPT > test",
		"url":                 "https://example.org/materials/signs/",
		"inLanguage":          "en",
		"datePublished":       "2026-05-01",
		"dateModified":        "2026-06-10",
		"isAccessibleForFree": true,
		"audience":            []any{map[string]any{"@type": "Audience", "audienceType": "Trainers"}},
		"keywords":            []any{"Hotline"},
		"publisher":           map[string]any{"@type": "Organization", "name": "T </script>", "url": "https://example.org/"},
	}
	if diff := cmp.Diff(want, material); diff != "" {
		t.Errorf("material JSON-LD mismatch (-want +got):\n%s", diff)
	}

	if v := ld("about/index.html"); v != nil {
		t.Errorf("about page: JSON-LD %v, want none (only home, materials and organizations have it)", v)
	}
}
