package search

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
)

// TestFacetsAsBleveCounts checks the facet table against bleve's own facet
// requests: for each search, the counts must be the ones bleve gives for
// the same query.
func TestFacetsAsBleveCounts(t *testing.T) {
	t.Parallel()
	h := bundledIndex(t)
	ix := h.cur.Load()
	for _, s := range []string{"hotline", "labor trafficking", "report", "training", "youth shelter", "zzzz"} {
		got := apiSearch(t, h, url.Values{"q": {s}}).Facets
		p, err := parseParams(url.Values{"q": {s}})
		if err != nil {
			t.Fatal(err)
		}
		h.setLanguage(ix, &p)
		plan := ix.plan(p)
		req := newRequest(p, plan, true)
		for _, f := range facetFields {
			req.AddFacet(f.param, bleve.NewFacetRequest(f.field, maxFacetValues))
		}
		sr, err := ix.idx.SearchInContext(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if sr.Total == 0 && len(plan) > 1 {
			continue // the any-word search: the same path
		}
		want := map[string][]FacetValue{}
		for _, f := range facetFields {
			fr := sr.Facets[f.param]
			if fr == nil || fr.Terms == nil {
				continue
			}
			var vals []FacetValue
			for _, x := range fr.Terms.Terms() {
				vals = append(vals, FacetValue{Value: x.Term, Count: x.Count})
			}
			slices.SortFunc(vals, func(a, b FacetValue) int {
				if a.Count != b.Count {
					return b.Count - a.Count
				}
				return strings.Compare(a.Value, b.Value)
			})
			if len(vals) > 0 {
				want[f.param] = vals
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: facets differ from bleve's (-bleve +table):\n%s", s, diff)
		}
	}
}

// addAllBut counts a set less another as counting each document of the
// difference does, whether it takes out the few documents missing or
// adds the few left.
func TestFacetsAllBut(t *testing.T) {
	t.Parallel()
	tbl := bundledIndex(t).cur.Load().facets
	docs := uint32(len(tbl.offs) - 1)
	all := roaring.New()
	all.AddRange(0, uint64(docs))
	for _, every := range []uint32{1, 2, 3, 5, 7} { // lacking: 1 in every, from few to all
		lacking := roaring.New()
		for n := uint32(0); n < docs; n += every {
			lacking.Add(n)
		}
		for _, base := range []*roaring.Bitmap{all, roaring.AndNot(all, roaring.BitmapOf(0, 1, 2))} {
			got := tbl.counter("")
			got.addAllBut(base, lacking, tbl.countsOf(fmt.Sprint(base.GetCardinality()), base))
			want := tbl.counter("")
			want.addEach(roaring.AndNot(base, lacking), 1)
			if diff := cmp.Diff(want.counts, got.counts); diff != "" {
				t.Errorf("1 in %d lacking, base of %d: (-each +all but):\n%s", every, base.GetCardinality(), diff)
			}
		}
	}
}
