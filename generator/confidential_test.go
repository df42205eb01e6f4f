package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"resourcelib/generator/search"
	"resourcelib/generator/site"
)

// TestConfidentialLocationNeverPublished builds a site with a shelter whose
// location is confidential, as the build command does (pages, feeds,
// sitemap, HSDS export, search index), and proves that its street address,
// postal code and coordinates appear nowhere: not in any file of the
// output, not in any stored field of the index, not in any search answer.
// The city and state do appear.
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
  - name: The house
    location_type: confidential
    description: Call for directions.
    address:
      attention: Night desk
      address_1: 4417 Quokka Lane
      address_2: Unit 9
      city: Zebraville
      state_province: CA
      postal_code: "93499"
      country: US
    latitude: 35.1234
    longitude: -120.5678
services:
  - name: Emergency shelter
    schedules:
      - open_24_7: true
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
	secrets := []string{"Quokka", "4417", "Unit 9", "93499", "Night desk", "35.1234", "-120.5678", "35.12", "120.56"}
	sawCity := false
	for _, root := range []string{out, index} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
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
	if !sawCity {
		t.Error("the shelter's city is published nowhere: the test is not looking at the right output")
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
	defer h.Close()
	for _, q := range []string{"Zebraville", "Quokka Lane", "4417", "93499", "shelter"} {
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
		if strings.Contains(q, "Quokka") || q == "4417" || q == "93499" {
			if res.Total != 0 {
				t.Errorf("%q finds %d results: the street address was indexed", q, res.Total)
			}
		}
	}
}
