package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/search"
	"resourcelib/generator/site"
)

// TestConfidentialLocationNeverPublished builds a site with a shelter whose
// location is confidential, as the build command does (pages, feeds,
// sitemap, HSDS export, JSON-LD, directory filters, search index), and
// proves that its street address, unit, postal code, coordinates (also
// rounded), name, description and region appear nowhere: not in any file
// or file name of the output, not in any stored field of the index, not in
// any search answer. The city and state do appear. Then it proves that a
// page repeating the address is refused: the build exits 1 and leaves the
// previous output and index as they were.
func TestConfidentialLocationNeverPublished(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/site.yaml":      "title: Test\nhotline: shelter\n",
		"content/_index.md":      "---\ntitle: Home\n---\nHello.\n",
		"content/materials/a.md": "---\ntitle: Shelters\n---\nAbout shelters in Zebraville.\n",
		"content/organizations/shelter.yaml": `# Synthetic test data.
name: Zebraville Safe House
description: A synthetic shelter used by tests. Not a real organization.
timezone: America/Los_Angeles
phones:
  - number: "(805) 555-0100"
    type: hotline
locations:
  - name: Maple St house
    location_type: confidential
    description: Gate code 7731, blue door.
    address:
      attention: Night desk
      address_1: 4417 Quokka Lane
      address_2: Unit 9
      city: Zebraville
      region: Wombat Heights
      state_province: CA
      postal_code: "93499"
      country: US
    latitude: 35.1234
    longitude: -120.5678
services:
  - name: Emergency shelter
    schedules:
      - open_24_7: true
  - name: Rides from Zebraville
    languages: [es]
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	index := filepath.Join(dir, "public.search")
	var stdout, stderr bytes.Buffer
	if code := build(site.Options{BaseURL: "https://example.org"}, dir, out, index, &stdout, &stderr); code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr.String())
	}
	secrets := []string{"Quokka", "4417", "Unit 9", "93499", "Night desk", "35.1234", "-120.5678", "35.12", "120.56", "120.57",
		"35.123", "120.568", "Maple", "Gate code", "7731", "Wombat"}
	sawCity, sawFilter := false, false
	for _, root := range []string{out, index} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			// File names too: a directory filter's address is made of
			// a service's name or a state.
			rel, _ := filepath.Rel(root, p)
			sawFilter = sawFilter || filepath.ToSlash(rel) == "organizations/state/ca"
			for _, s := range secrets {
				if strings.Contains(strings.ToLower(rel), strings.ToLower(strings.ReplaceAll(s, " ", "-"))) {
					t.Errorf("the address %s holds the confidential %q", rel, s)
				}
			}
			if d.IsDir() {
				return nil
			}
			switch r := filepath.ToSlash(rel); {
			case r == "admin/sveltia-cms.js", r == "admin/sveltia-cms.LICENSE.txt", strings.HasPrefix(r, "admin/fonts/"), strings.HasPrefix(r, "admin/locales/"):
				// The vendored CMS, written as vendored (site's TestAdminOnlyThirdParty):
				// its 2 MB of code hold such words as "Maple".
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			lower := bytes.ToLower(data)
			for _, s := range secrets {
				if bytes.Contains(lower, bytes.ToLower([]byte(s))) {
					t.Errorf("%s holds the confidential %q", p, s)
				}
			}
			sawCity = sawCity || bytes.Contains(data, []byte("Zebraville"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !sawCity || !sawFilter {
		t.Error("the shelter's city or state is published nowhere: the test is not looking at the right output")
	}
	for _, want := range []string{"hsds/organizations/shelter.json", "index.xml", "sitemap.xml", "organizations/shelter/index.html"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("no %s to check: %v", want, err)
		}
	}
	if page, _ := os.ReadFile(filepath.Join(out, "organizations/shelter/index.html")); !bytes.Contains(page, []byte(`application/ld+json`)) {
		t.Error("no JSON-LD on the organization's page to check")
	}
	if _, err := os.Stat(filepath.Join(out, "hsds")); err != nil {
		t.Errorf("no HSDS export to check: %v", err)
	}

	// The index stores fields compressed, so also ask it: what it returns
	// for the organization must not hold the address either.
	h, err := search.Open(index, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Zebraville", "Quokka Lane", "4417", "93499", "shelter", "Maple", "Gate code 7731", "Wombat Heights", "Night desk"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q="+strings.ReplaceAll(q, " ", "+")+"&near=35.1234,-120.5678&within=1", nil))
		var res search.Result
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if res.Total != 0 {
			t.Errorf("near the secret coordinates, %q finds %d results: the location was indexed", q, res.Total)
		}
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q="+strings.ReplaceAll(q, " ", "+"), nil))
		res = search.Result{}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		// The answer repeats the query; what it found must not hold the address.
		hits, _ := json.Marshal(res.Hits)
		for _, s := range secrets {
			if strings.Contains(string(hits), s) {
				t.Errorf("search for %q answers with the confidential %q: %s", q, s, hits)
			}
		}
		if q != "Zebraville" && q != "shelter" {
			if res.Total != 0 {
				t.Errorf("%q finds %d results: the street address was indexed", q, res.Total)
			}
		}
	}
	h.Close()

	// A page that repeats the address, written the way people do, is
	// refused: nothing is published, the previous output and index stay.
	before, beforeIndex := snapshotTree(t, out), snapshotTree(t, index)
	for i, leak := range []string{
		"We are at 4417 N. Quokka Ln, Zebraville.",
		"Zebraville, California 93499",
		"[Map](https://www.openstreetmap.org/#map=17/35.12/-120.57)",
		"Apt #9, Zebraville",
	} {
		page := filepath.Join(dir, "content", "materials", "leak.md")
		if err := os.WriteFile(page, []byte("---\ntitle: Directions\n---\n\n"+leak+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout.Reset()
		stderr.Reset()
		if code := build(site.Options{BaseURL: "https://example.org"}, dir, out, index, &stdout, &stderr); code != 1 {
			t.Errorf("%q: build exited %d, want 1", leak, code)
		}
		if !strings.Contains(stderr.String(), "content/materials/leak.md:5:") || !strings.Contains(stderr.String(), "of the confidential location at content/organizations/shelter.yaml:") {
			t.Errorf("%q: no error at the page's line:\n%s", leak, stderr.String())
		}
		for _, s := range []string{"Quokka", "93499", "35.12", "120.57"} {
			if strings.Contains(stderr.String(), s) {
				t.Errorf("%q: the error message repeats the secret %q", leak, s)
			}
		}
		if diff := cmp.Diff(before, snapshotTree(t, out)); diff != "" {
			t.Errorf("%d: the output changed (-before +after):\n%s", i, diff)
		}
		if diff := cmp.Diff(beforeIndex, snapshotTree(t, index)); diff != "" {
			t.Errorf("%d: the index changed (-before +after):\n%s", i, diff)
		}
	}
}

// snapshotTree maps each file under dir to a hash of its bytes.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
