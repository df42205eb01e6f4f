package search

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A search of common words answered from the table finds as many pages,
// with the same facets, as the same search run over every document; its
// page is full.
func TestCommonSearchAgrees(t *testing.T) {
	t.Parallel()
	dir := bundledIndex(t).dir
	plain, err := Open(dir, Options{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	withTable, err := Open(dir, Options{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer withTable.Close()
	ix := withTable.cur.Load()
	const share = 0.2
	adv, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	ix.lacking, err = loadCommon(r, ix, 0, share) // the bundled site is small
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	ix.langDocs = langSets(ix.facets)
	if len(ix.lacking) == 0 {
		t.Fatal("no common terms in the bundled site")
	}
	if plain.cur.Load().lacking != nil {
		t.Fatal("a site under minCommonDocs documents has a table of common terms")
	}
	var qs []string
	for w, df := range ix.vocab["en"].df {
		if float64(df) > share*float64(ix.docs) {
			qs = append(qs, w)
		}
	}
	if len(qs) >= 2 {
		qs = append(qs, qs[0]+" "+qs[1])
	}
	fast := 0
	for _, q := range qs {
		v := url.Values{"q": {q}, "size": {"5"}}
		before := withTable.commonAnswers.Load()
		got := apiSearch(t, withTable, v)
		want := apiSearch(t, plain, v)
		if got.Total != want.Total {
			t.Errorf("%q: %d pages with the table, %d without", q, got.Total, want.Total)
		}
		if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
			t.Errorf("%q: facets mismatch (-without +with the table):\n%s", q, diff)
		}
		if withTable.commonAnswers.Load() > before {
			fast++
			if len(got.Hits) != 5 {
				t.Errorf("%q: %d hits answered from the table, want 5", q, len(got.Hits))
			}
		}
	}
	if fast == 0 {
		t.Errorf("none of %q was answered from the table", qs)
	}
}
