package search

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestJSONShape checks the documented shape of /api/search answers.
func TestJSONShape(t *testing.T) {
	h := bundledIndex(t)
	w := serve(h, "GET", "/api/search?q=hotline")
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"facets", "hits", "language", "query", "took_ms", "total"}, sortedKeys(raw)); diff != "" {
		t.Errorf("top-level keys (-want +got):\n%s", diff)
	}
	var hits []map[string]json.RawMessage
	if err := json.Unmarshal(raw["hits"], &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatal("no hits for hotline")
	}
	for _, hit := range hits {
		// No distance_km without near.
		if diff := cmp.Diff([]string{"score", "snippet", "title", "type", "url"}, sortedKeys(hit)); diff != "" {
			t.Errorf("hit keys (-want +got):\n%s", diff)
		}
	}

	// Without the answer cache, which answers a repeated search in
	// microseconds (took_ms 0).
	r := apiSearch(t, openIndex(t, bundledDir(t), Options{CacheSize: -1}), q("  hotline  "))
	if r.Query != "hotline" {
		t.Errorf("query %q, want the trimmed words", r.Query)
	}
	if r.Total < uint64(len(r.Hits)) || len(r.Hits) != defaultSize {
		t.Errorf("total %d, %d hits; want %d hits of more", r.Total, len(r.Hits), defaultSize)
	}
	if r.TookMS <= 0 {
		t.Errorf("took_ms %v", r.TookMS)
	}
	for i, hit := range r.Hits {
		if !strings.HasPrefix(hit.URL, "/") || !strings.HasSuffix(hit.URL, "/") || hit.Title == "" || hit.Type == "" || hit.Snippet == "" {
			t.Errorf("hit %d incomplete: %+v", i, hit)
		}
		if i > 0 && hit.Score > r.Hits[i-1].Score {
			t.Errorf("hit %d scores %v, more than the one before it (%v)", i, hit.Score, r.Hits[i-1].Score)
		}
	}
	for _, f := range []string{"type", "topic", "audience", "language"} {
		vals := r.Facets[f]
		if len(vals) == 0 {
			t.Errorf("no %s facet", f)
			continue
		}
		for i, v := range vals {
			if v.Value == "" || v.Count <= 0 {
				t.Errorf("facet %s: value %+v", f, v)
			}
			if i > 0 && (v.Count > vals[i-1].Count || v.Count == vals[i-1].Count && v.Value < vals[i-1].Value) {
				t.Errorf("facet %s not in order of count, then value: %+v", f, vals)
			}
		}
	}
	// Every document has one type and one language: their counts add up.
	for _, f := range []string{"type", "language"} {
		sum := 0
		for _, v := range r.Facets[f] {
			sum += v.Count
		}
		if uint64(sum) != r.Total {
			t.Errorf("facet %s counts add up to %d, total is %d", f, sum, r.Total)
		}
	}
	if !slices.ContainsFunc(r.Facets["type"], func(v FacetValue) bool { return v.Value == "material" }) ||
		!slices.ContainsFunc(r.Facets["audience"], func(v FacetValue) bool { return v.Value == "law-enforcement" }) {
		t.Errorf("facets lack type material or audience law-enforcement: %+v", r.Facets)
	}

	// An empty search answers the same shape, with empty lists, not null.
	w = serve(h, "GET", "/api/search")
	if got := strings.TrimSpace(w.Body.String()); !strings.Contains(got, `"hits":[]`) || !strings.Contains(got, `"facets":{}`) {
		t.Errorf("empty search: %s", got)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// all asks for every hit of a search (the bundled site has fewer than 50).
func all(t *testing.T, v url.Values) *Result {
	t.Helper()
	v.Set("size", "50")
	r := apiSearch(t, bundledIndex(t), v)
	if r.Total > 50 {
		t.Fatalf("%s: %d results, more than one page", v.Encode(), r.Total)
	}
	return r
}

func urlSet(r *Result) map[string]bool {
	s := map[string]bool{}
	for _, h := range r.Hits {
		s[h.URL] = true
	}
	return s
}

// TestFilters checks that filters narrow results: values of one filter are
// alternatives, different filters must all hold.
func TestFilters(t *testing.T) {
	t.Run("type alone lists every organization", func(t *testing.T) {
		r := all(t, url.Values{"type": {"organization"}})
		want := map[string]bool{"/organizations/nhtrc/": true, "/organizations/polaris-project/": true}
		if diff := cmp.Diff(want, urlSet(r)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("type with words", func(t *testing.T) {
		r := all(t, url.Values{"q": {"hotline"}, "type": {"organization"}})
		if len(r.Hits) == 0 {
			t.Fatal("no organization for hotline")
		}
		for _, h := range r.Hits {
			if h.Type != "organization" {
				t.Errorf("%s is a %s", h.URL, h.Type)
			}
		}
		if got := r.Facets["type"]; len(got) != 1 || got[0].Value != "organization" {
			t.Errorf("type facet %+v, want only organization", got)
		}
	})
	t.Run("values are not case-sensitive", func(t *testing.T) {
		a := all(t, url.Values{"q": {"hotline"}, "type": {"organization"}})
		b := all(t, url.Values{"q": {"hotline"}, "type": {" Organization "}})
		if diff := cmp.Diff(urls(a), urls(b)); diff != "" {
			t.Errorf("(-organization +Organization):\n%s", diff)
		}
	})
	t.Run("two values of one filter are OR", func(t *testing.T) {
		mat := all(t, url.Values{"q": {"hotline"}, "type": {"material"}})
		org := all(t, url.Values{"q": {"hotline"}, "type": {"organization"}})
		both := all(t, url.Values{"q": {"hotline"}, "type": {"material", "organization"}})
		if len(mat.Hits) == 0 || len(org.Hits) == 0 {
			t.Fatal("need materials and organizations about the hotline")
		}
		want := urlSet(mat)
		for u := range urlSet(org) {
			want[u] = true
		}
		if diff := cmp.Diff(want, urlSet(both)); diff != "" {
			t.Errorf("(-material or organization +both values):\n%s", diff)
		}
	})
	t.Run("two filters are AND", func(t *testing.T) {
		mat := all(t, url.Values{"type": {"material"}})
		law := all(t, url.Values{"audience": {"law-enforcement"}})
		both := all(t, url.Values{"type": {"material"}, "audience": {"law-enforcement"}})
		want := map[string]bool{}
		for u := range urlSet(mat) {
			if urlSet(law)[u] {
				want[u] = true
			}
		}
		if diff := cmp.Diff(want, urlSet(both)); diff != "" {
			t.Errorf("(-material and law-enforcement +both filters):\n%s", diff)
		}
		// A guide for officers is in; one for nurses is not.
		if !want["/materials/for-law-enforcement/"] || want["/materials/for-medical-professionals/"] {
			t.Errorf("materials for law enforcement: %v", urls(both))
		}
		if len(want) == len(urlSet(mat)) || len(want) == len(urlSet(law)) {
			t.Errorf("the filters do not narrow: %d materials, %d for law enforcement, %d both",
				len(urlSet(mat)), len(urlSet(law)), len(want))
		}
	})
	t.Run("topic", func(t *testing.T) {
		r := all(t, url.Values{"topic": {"referrals"}})
		want := map[string]bool{"/materials/for-law-enforcement/": true, "/materials/for-medical-professionals/": true}
		if diff := cmp.Diff(want, urlSet(r)); diff != "" {
			t.Errorf("topic referrals (-want +got):\n%s", diff)
		}
	})
	t.Run("state", func(t *testing.T) {
		r := all(t, url.Values{"state": {"dc"}})
		if diff := cmp.Diff([]string{"/organizations/polaris-project/"}, urls(r)); diff != "" {
			t.Errorf("state DC (-want +got):\n%s", diff)
		}
	})
	t.Run("each facet value filters to its count", func(t *testing.T) {
		// The results page links each value with the value as counted;
		// following the link must find that many.
		r := all(t, url.Values{"q": {"hotline"}})
		for param, vals := range r.Facets {
			for _, v := range vals {
				got := all(t, url.Values{"q": {"hotline"}, param: {v.Value}})
				if got.Total != uint64(v.Count) {
					t.Errorf("%s=%s: %d results, the facet counted %d", param, v.Value, got.Total, v.Count)
				}
			}
		}
	})
	t.Run("unknown value", func(t *testing.T) {
		if r := all(t, url.Values{"q": {"hotline"}, "type": {"nothing-like-this"}}); r.Total != 0 {
			t.Errorf("%d results", r.Total)
		}
	})
}

// TestPages checks that pages of results follow each other without gaps
// or repeats.
func TestPages(t *testing.T) {
	h := bundledIndex(t)
	whole := apiSearch(t, h, url.Values{"q": {"hotline"}, "size": {"9"}})
	var paged []string
	for page := 1; page <= 3; page++ {
		r := apiSearch(t, h, url.Values{"q": {"hotline"}, "size": {"3"}, "page": {fmt.Sprint(page)}})
		if r.Total != whole.Total {
			t.Errorf("page %d: total %d, want %d", page, r.Total, whole.Total)
		}
		paged = append(paged, urls(r)...)
	}
	if diff := cmp.Diff(urls(whole), paged); diff != "" {
		t.Errorf("pages of 3 (-one page of 9 +three pages of 3):\n%s", diff)
	}
	beyond := apiSearch(t, h, url.Values{"q": {"hotline"}, "page": {"50"}})
	if len(beyond.Hits) != 0 || beyond.Total != whole.Total {
		t.Errorf("a page past the end: %d hits, total %d", len(beyond.Hits), beyond.Total)
	}
}

// geoSite is a tiny site of synthetic organizations on the meridian 120°W,
// north of 35°N, where the distance from (35, -120) is simply the
// difference in latitude along a great circle. The file names are not in
// the order of distance, nor are the names.
func geoSite() fstest.MapFS {
	org := func(name string, lat float64) *fstest.MapFile {
		return &fstest.MapFile{Data: fmt.Appendf(nil, `name: %s
description: >-
  SYNTHETIC TEST DATA, not a real organization: made up for the search
  tests, at a known distance from the test point. Shelter and counseling.
last_verified: 2026-01-01
locations:
  - name: Office
    location_type: physical
    address:
      city: Testville
      state_province: CA
      country: US
    latitude: %g
    longitude: -120.0
`, name, lat)}
	}
	return fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: Synthetic test site\n---\nNot a real site.\n")},
		"content/site.yaml":            {Data: []byte("title: Synthetic test site\nbase_url: https://example.org/\nlanguage: en\n")},
		"content/organizations/a.yaml": org("Alder Shelter (synthetic)", 35.6), // 66.7 km
		"content/organizations/b.yaml": org("Birch Shelter (synthetic)", 35.1), // 11.1 km
		"content/organizations/c.yaml": org("Cedar Shelter (synthetic)", 35.3), // 33.4 km
		"content/organizations/d.yaml": {Data: []byte(`name: Dogwood Counseling (synthetic)
description: >-
  SYNTHETIC TEST DATA, not a real organization: it has no coordinates, so a
  search near a point never finds it. Shelter and counseling.
last_verified: 2026-01-01
`)},
		"content/page.md": {Data: []byte("---\ntitle: A page about shelter\n---\nSynthetic page: shelter and counseling, with no place.\n")},
	}
}

// meridianKM is the distance between two latitudes on one meridian.
func meridianKM(lat1, lat2 float64) float64 {
	return math.Abs(lat2-lat1) * math.Pi / 180 * 6371.0088
}

// TestNear checks that near=LAT,LON&within=KM finds the organizations within
// that distance, nearest first, each with its distance.
func TestNear(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, geoSite(), dir, filepath.Join(t.TempDir(), "public"))
	h := openIndex(t, dir, Options{})
	type hit struct {
		URL string
		KM  float64
	}
	alder := hit{"/organizations/a/", meridianKM(35, 35.6)}
	birch := hit{"/organizations/b/", meridianKM(35, 35.1)}
	cedar := hit{"/organizations/c/", meridianKM(35, 35.3)}
	cases := []struct {
		name  string
		query url.Values
		want  []hit
	}{
		{"within 100 km", url.Values{"near": {"35,-120"}, "within": {"100"}}, []hit{birch, cedar, alder}},
		{"within 50 km", url.Values{"near": {"35,-120"}, "within": {"50"}}, []hit{birch, cedar}},
		{"within 20 km", url.Values{"near": {"35,-120"}, "within": {"20"}}, []hit{birch}},
		{"within 5 km", url.Values{"near": {"35,-120"}, "within": {"5"}}, nil},
		{"50 km by default", url.Values{"near": {"35,-120"}}, []hit{birch, cedar}},
		{"with words, still nearest first", url.Values{"q": {"shelter counseling"}, "near": {"35,-120"}, "within": {"100"}}, []hit{birch, cedar, alder}},
		{"with a name, only that one", url.Values{"q": {"cedar"}, "near": {"35,-120"}, "within": {"100"}}, []hit{cedar}},
		{"from the north", url.Values{"near": {"35.7,-120"}, "within": {"100"}},
			[]hit{{alder.URL, meridianKM(35.7, 35.6)}, {cedar.URL, meridianKM(35.7, 35.3)}, {birch.URL, meridianKM(35.7, 35.1)}}},
		{"with a filter", url.Values{"near": {"35,-120"}, "within": {"100"}, "type": {"page"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := apiSearch(t, h, tc.query)
			var got []hit
			for _, x := range r.Hits {
				if x.DistanceKM == nil {
					t.Errorf("%s has no distance_km", x.URL)
					continue
				}
				got = append(got, hit{x.URL, *x.DistanceKM})
			}
			approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 0.1 })
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if r.Total != uint64(len(tc.want)) {
				t.Errorf("total %d, want %d", r.Total, len(tc.want))
			}
		})
	}

	// Without near, no distance, and the organization without coordinates
	// is found like any other.
	r := apiSearch(t, h, q("shelter"))
	if r.Total != 5 {
		t.Errorf("shelter: %d results, want the 4 organizations and the page: %v", r.Total, urls(r))
	}
	for _, x := range r.Hits {
		if x.DistanceKM != nil {
			t.Errorf("%s: distance_km without near", x.URL)
		}
	}

	// The HTML page shows the distance.
	w := serve(h, "GET", "/search?near=35,-120&within=20")
	for _, want := range []string{"1 result", "11.1 km away", "Near: 35, -120 (within 20 km)"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("the results page of a search by place lacks %q", want)
		}
	}
}
