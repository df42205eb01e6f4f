package search

import (
	"encoding/json"
	"net/url"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/internal/testenv"
)

// withPostingsAt opens the index in dir with the lists of the terms in
// share of its documents in memory, whatever its size.
func withPostingsAt(tb testing.TB, dir string, share float64) *Handler {
	tb.Helper()
	h := openIndex(tb, dir, Options{CacheSize: -1})
	ix := h.cur.Load()
	r, err := reader(ix.idx)
	if err != nil {
		tb.Fatal(err)
	}
	// The lists are read on first use: the reader stays open, as
	// readPostings leaves it, until the index closes.
	if ix.mem != nil {
		ix.mem.r.Close() // the lists Open made, replaced here
	}
	if ix.mem, err = loadPostings(r, ix, 0, share); err != nil {
		r.Close()
		tb.Fatal(err)
	}
	if ix.mem == nil || len(ix.mem.terms) == 0 {
		tb.Fatal("no lists to keep")
	}
	return h
}

// comparePostings fails the test unless every search answers the same
// (hits, scores, order, totals, facets, snippets) with the kept lists as
// with the index's own, and reports how many it compared.
func comparePostings(t *testing.T, mem, plain *Handler, searches []url.Values) {
	t.Helper()
	for _, v := range searches {
		got, want := apiSearch(t, mem, v), apiSearch(t, plain, v)
		got.TookMS, want.TookMS = 0, 0
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: the answer differs (-index's lists +kept lists):\n%s", v.Encode(), diff)
		}
	}
}

// postingsSearches are searches of common words (which read the kept
// lists), alone, with rare words, as phrases, typed so far, misspelt, on
// later pages and with filters.
func postingsSearches(h *Handler, share float64, n int) []url.Values {
	var out []url.Values
	for i, s := range tableSearches(h, share) {
		if i%3 == 0 {
			s.Set("size", "10")
			out = append(out, s)
			p := url.Values{"q": s["q"], "page": {"2"}, "size": {"4"}}
			out = append(out, p)
		}
	}
	return out[:min(n, len(out))]
}

// A search reading the lists kept in memory answers exactly as one
// reading the index's own lists.
func TestPostingsAgree(t *testing.T) {
	t.Parallel()
	dir := bundledDir(t)
	if bundledIndex(t).cur.Load().mem != nil {
		t.Fatal("a site under minCommonDocs documents keeps lists in memory")
	}
	const share = 0.1
	mem := withPostingsAt(t, dir, share)
	plain := openIndex(t, dir, Options{CacheSize: -1})
	searches := postingsSearches(mem, share, 400)
	for _, q := range []string{"human trafficking", "trafficking victims", "report", "labor traf", "help"} {
		searches = append(searches, url.Values{"q": {q}}, url.Values{"q": {q}, "page": {"2"}, "size": {"3"}})
	}
	comparePostings(t, mem, plain, searches)
	if len(searches) < 50 {
		t.Errorf("only %d searches compared", len(searches))
	}
	if _, n := mem.cur.Load().mem.size(); n < 10 {
		t.Errorf("the searches read only %d lists from memory", n)
	}
}

// The same on the synthetic 10,000-material site, with the lists Open
// keeps, over the first 1,000 searches of its load mix.
func TestPostingsAgreeSynthetic(t *testing.T) {
	testenv.CIOnly(t, "the synthetic 10,000-material index", "CI=1 go test ./generator/search -run TestPostingsAgreeSynthetic")
	dir := syntheticIndex(t).dir
	mem := openIndex(t, dir, Options{CacheSize: -1})
	if mem.cur.Load().mem == nil {
		t.Fatal("Open keeps no lists in memory")
	}
	plain := openIndex(t, dir, Options{CacheSize: -1})
	plain.cur.Load().mem = nil
	var searches []url.Values
	for _, q := range syntheticQueries()[:1000] {
		searches = append(searches, url.Values{"q": {q}}, url.Values{"q": {q}, "page": {"3"}})
	}
	comparePostings(t, mem, plain, searches)
	if _, n := mem.cur.Load().mem.size(); n < 100 {
		t.Errorf("the searches read only %d lists from memory", n)
	}
}

// Searches that read the same lists for the first time at once get the
// answers a search reading the index's own lists gets (and, under -race,
// share the lists' norms safely).
func TestPostingsConcurrentFirstUse(t *testing.T) {
	t.Parallel()
	dir := bundledDir(t)
	const share = 0.1
	mem := withPostingsAt(t, dir, share)
	plain := openIndex(t, dir, Options{CacheSize: -1})
	searches := postingsSearches(mem, share, 40)
	want := make([]*Result, len(searches))
	for i, v := range searches {
		want[i] = apiSearch(t, plain, v)
		want[i].TookMS = 0
	}
	var wg sync.WaitGroup
	got := make([][]*Result, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range searches {
				v := searches[(i+g*7)%len(searches)]
				w := serve(mem, "GET", "/api/search?"+v.Encode())
				var r Result
				if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &r) != nil {
					t.Errorf("%s: status %d", v.Encode(), w.Code)
					continue
				}
				r.TookMS = 0
				got[g] = append(got[g], &r)
			}
		}()
	}
	wg.Wait()
	for g := range got {
		for i, r := range got[g] {
			k := (i + g*7) % len(searches)
			if diff := cmp.Diff(want[k], r); diff != "" {
				t.Errorf("%s: the answer differs (-index's lists +kept lists):\n%s", searches[k].Encode(), diff)
			}
		}
	}
}
