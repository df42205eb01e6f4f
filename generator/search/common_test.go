package search

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/internal/testenv"
)

// withoutTable opens the index in dir a second time with no table of
// common terms: every search then takes bleve's full path, the reference
// the table's answers are held to.
func withoutTable(tb testing.TB, dir string) *Handler {
	tb.Helper()
	h := openIndex(tb, dir, Options{CacheSize: -1})
	h.cur.Load().lacking = nil
	return h
}

// withTableAt opens the index in dir with a table of the terms in more
// than share of its documents, whatever its size.
func withTableAt(tb testing.TB, dir string, share float64) *Handler {
	tb.Helper()
	h := openIndex(tb, dir, Options{CacheSize: -1})
	ix := h.cur.Load()
	r, err := reader(ix.idx)
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	if ix.lacking, err = loadCommon(r, ix, 0, share); err != nil {
		tb.Fatal(err)
	}
	ix.langDocs = langSets(ix.facets)
	if len(ix.lacking) == 0 {
		tb.Fatal("no common terms")
	}
	return h
}

// agreement is what compareSearches found.
type agreement struct {
	queries, fast int // searches, and those answered with the table
	sameFirst     int // of the fast ones, those with the same first hit
	overlap       int // of the fast ones, hits on both first pages
	hits          int // of the fast ones, hits on the reference's first pages
}

// compareSearches runs each search on fast (with the table) and on plain
// (without it) and fails the test unless both find as many pages with the
// same facets and the same any-word fallback, and unless every hit the
// table's answer shows is one the reference finds. The order may differ
// (the body's part of a common word's score is left out): the agreement
// of the first pages is returned.
func compareSearches(t *testing.T, fast, plain *Handler, searches []url.Values) agreement {
	t.Helper()
	var a agreement
	for _, v := range searches {
		a.queries++
		before := fast.commonAnswers.Load()
		got := apiSearch(t, fast, v)
		want := apiSearch(t, plain, v)
		if got.Total != want.Total || got.AnyWord != want.AnyWord {
			t.Errorf("%s: %d pages (any word %t) with the table, %d (%t) without", v.Encode(), got.Total, got.AnyWord, want.Total, want.AnyWord)
			continue
		}
		if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
			t.Errorf("%s: facets differ (-without +with the table):\n%s", v.Encode(), diff)
		}
		if len(got.Hits) != len(want.Hits) {
			t.Errorf("%s: %d hits with the table, %d without", v.Encode(), len(got.Hits), len(want.Hits))
		}
		if fast.commonAnswers.Load() == before {
			continue
		}
		a.fast++
		// Every hit shown must be a page the reference finds.
		all := url.Values{}
		for k, vs := range v {
			all[k] = vs
		}
		all.Set("size", fmt.Sprint(maxSize))
		all.Set("facets", "0")
		var found []string
		for page := 1; page*maxSize <= maxResults && uint64((page-1)*maxSize) < want.Total; page++ {
			all.Set("page", fmt.Sprint(page))
			for _, h := range apiSearch(t, plain, all).Hits {
				found = append(found, h.URL)
			}
		}
		var wantURLs []string
		for _, h := range want.Hits {
			wantURLs = append(wantURLs, h.URL)
		}
		for _, h := range got.Hits {
			if uint64(len(found)) == want.Total && !slices.Contains(found, h.URL) {
				t.Errorf("%s: %s is shown with the table, but the search without it does not find it", v.Encode(), h.URL)
			}
			if slices.Contains(wantURLs, h.URL) {
				a.overlap++
			}
		}
		a.hits += len(want.Hits)
		if len(got.Hits) > 0 && got.Hits[0].URL == want.Hits[0].URL {
			a.sameFirst++
		}
	}
	return a
}

// tableSearches are searches that the table answers, made of the index's
// own words: each common word alone, misspelt, after a stop word, with a
// rare word, with the start of a rare word (typed so far), with a filter,
// and two common words together.
func tableSearches(h *Handler, share float64) []url.Values {
	ix := h.cur.Load()
	voc := ix.vocab["en"]
	var common, rare []string
	for w, df := range voc.df {
		switch {
		case float64(df) > share*float64(ix.docs) && len(w) >= 4:
			common = append(common, w)
		case df >= 2 && df <= 3 && len(w) >= 6:
			rare = append(rare, w)
		}
	}
	slices.Sort(common)
	slices.Sort(rare)
	types := ix.facets.values("type")
	var out []url.Values
	q := func(s string, kv ...string) {
		v := url.Values{"q": {s}, "size": {"3"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		out = append(out, v)
	}
	for i, c := range common {
		if i%2 != 0 {
			continue // half is enough, and keeps the test quick
		}
		r := rare[i%len(rare)]
		q(c)
		q("the " + c)
		q(c + " " + r)
		q(r + " " + c)
		q(c + " " + r[:4])
		q(c, "type", types[i%len(types)])
		q(c+" "+common[(i+7)%len(common)], "page", "2")
		if len(c) >= 5 {
			q(c[:2] + c[3:]) // a letter left out
			q(c[:2]+c[3:]+" "+r, "type", types[(i+1)%len(types)])
		}
	}
	return out
}

// A search answered with the table of common terms finds as many pages,
// with the same facets, as the same search without the table, and shows
// only pages that search finds; most first hits are the same.
func TestTableSearchAgrees(t *testing.T) {
	t.Parallel()
	dir := bundledDir(t)
	if bundledIndex(t).cur.Load().lacking != nil {
		t.Fatal("a site under minCommonDocs documents has a table of common terms")
	}
	const share = 0.25
	fast := withTableAt(t, dir, share)
	a := compareSearches(t, fast, withoutTable(t, dir), tableSearches(fast, share))
	t.Logf("%d searches, %d answered with the table: same first hit %d, first-page overlap %d of %d",
		a.queries, a.fast, a.sameFirst, a.overlap, a.hits)
	// Of every 9 searches, 4 are of common and stop words alone, with no
	// filter: those the table may answer, unless too few pages have the
	// words in a title, heading or description to fill the page, as
	// happens often on a site of 32 documents.
	if a.fast < a.queries/8 {
		t.Errorf("only %d of %d searches were answered with the table", a.fast, a.queries)
	}
	if a.sameFirst*10 < a.fast*7 {
		t.Errorf("the first hit differs in %d of %d searches answered with the table", a.fast-a.sameFirst, a.fast)
	}
}

// The same on the synthetic 10,000-material site with the table Open
// makes, over the first 600 searches of its load mix and the searches
// made of its common words.
func TestTableSearchAgreesSynthetic(t *testing.T) {
	testenv.CIOnly(t, "the synthetic 10,000-material index", "CI=1 go test ./generator/search -run TestTableSearchAgreesSynthetic")
	dir := syntheticIndex(t).dir
	fast := openIndex(t, dir, Options{CacheSize: -1})
	var searches []url.Values
	for _, q := range syntheticQueries()[:600] {
		searches = append(searches, url.Values{"q": {q}})
	}
	ts := tableSearches(fast, commonShare)
	for i := 0; i < len(ts); i += 5 {
		searches = append(searches, ts[i])
	}
	a := compareSearches(t, fast, withoutTable(t, dir), searches)
	t.Logf("%d searches, %d answered with the table: same first hit %d, first-page overlap %d of %d",
		a.queries, a.fast, a.sameFirst, a.overlap, a.hits)
	if a.fast < a.queries/4 {
		t.Errorf("only %d of %d searches were answered with the table", a.fast, a.queries)
	}
	if a.sameFirst*10 < a.fast*7 {
		t.Errorf("the first hit differs in %d of %d searches answered with the table", a.fast-a.sameFirst, a.fast)
	}
}
