package hsds_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"resourcelib"
	"resourcelib/generator/hsds"
	"resourcelib/generator/site"
)

// TestRoundTrip is the directory issue's round trip: the Lexington data
// (HSDS 1.0) is imported into a site, the site is built with its HSDS
// export as `build` writes it, and every exported file validates against
// the HSDS 3 schemas. All 69 providers must be in the directory.
func TestRoundTrip(t *testing.T) {
	res, err := hsds.Import(os.DirFS(filepath.Join(corpora, "lexington")),
		hsds.Options{Source: "lexington", Timezone: zone(t, "America/New_York")})
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	orgDir := filepath.Join(src, "content", "organizations")
	if err := os.MkdirAll(orgDir, 0o755); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range res.Files {
		if err := os.WriteFile(filepath.Join(orgDir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		ids[strings.TrimSuffix(f.Name, ".yaml")] = true
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/site.yaml", "title: Kentucky providers\nbase_url: https://example.org/\nlanguage: en\n")
	write("content/_index.md", "---\ntitle: Kentucky providers\n---\nProviders imported from the Lexington HSDS data.\n")

	out := filepath.Join(t.TempDir(), "public")
	br, err := site.Build(site.Options{Source: os.DirFS(src), Theme: resourcelib.Bundle, Out: out,
		Extra: func(s *site.Site, write func(string, []byte) error) error {
			return hsds.Write(s.Organizations, func(name string, data []byte) error { return write("hsds/"+name, data) })
		}})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if br.Organizations != 69 {
		t.Errorf("built %d organizations, want 69", br.Organizations)
	}

	// Every provider has its page, and the directory lists each of them.
	for id := range ids {
		if _, err := os.Stat(filepath.Join(out, "organizations", id, "index.html")); err != nil {
			t.Errorf("no page for %s: %v", id, err)
		}
	}
	list, err := os.ReadFile(filepath.Join(out, "organizations", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="[^"]*/organizations/([a-z0-9-]+)/"`).FindAllStringSubmatch(string(list), -1) {
		if ids[m[1]] {
			listed[m[1]] = true
		}
	}
	if len(listed) != 69 {
		t.Errorf("/organizations/ lists %d of the 69 providers", len(listed))
	}

	// The export: the list and one file per provider, all valid HSDS 3.
	v := newValidator(t)
	n := 0
	err = filepath.WalkDir(filepath.Join(out, "hsds"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(out, "hsds"), p)
		v.check(t, filepath.ToSlash(rel), data)
		if rel != "organizations.json" && !ids[strings.TrimSuffix(filepath.Base(rel), ".json")] {
			t.Errorf("hsds/%s is not one of the providers", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 70 {
		t.Errorf("the export has %d files, want 70: organizations.json and one per provider", n)
	}
}
