package search

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Facets are counted here, not by bleve's facet requests. Those read each
// hit's values from the index's doc values, a map lookup per value per
// hit: on a broad search of the 10,000-material synthetic site that was
// two thirds of the CPU time of a search. The index is read-only, so the
// values of every document are read once, at Open, into a table by
// document number; a search then only adds one to a counter per value of
// each hit.

// maxFacetValues is how many values of a facet an answer lists.
const maxFacetValues = 25

// facetTable holds each facet field's values and, for each document
// number, the values it has, numbered across all fields and kept together
// per document (vals[offs[n]:offs[n+1]]), so that counting a hit reads
// one short run of memory.
type facetTable struct {
	terms []string // every field's values, facetFields[0]'s first
	field []int32  // terms[i]'s index in facetFields
	offs  []uint32 // document number -> start in vals; one more at the end
	vals  []int32  // indexes into terms
	// baseCounts holds the counts of the sets commonSearch starts from
	// (every document, those of one language), by name (countsOf)
	countsMu   sync.Mutex
	baseCounts map[string][]int32
}

// loadFacets reads the facet fields of every document in the index.
func loadFacets(r bindex.IndexReader) (*facetTable, error) {
	t := &facetTable{}
	perDoc := [][]int32{}
	for fi, f := range facetFields {
		dict, err := r.FieldDict(f.field)
		if err != nil {
			return nil, err
		}
		var terms []string
		for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
			if err != nil {
				dict.Close()
				return nil, err
			}
			terms = append(terms, e.Term)
		}
		dict.Close()
		for _, term := range terms {
			ti := int32(len(t.terms))
			t.terms = append(t.terms, term)
			t.field = append(t.field, int32(fi))
			tfr, err := r.TermFieldReader(context.Background(), []byte(term), f.field, false, false, false)
			if err != nil {
				return nil, err
			}
			var tfd bindex.TermFieldDoc
			for d, err := tfr.Next(&tfd); d != nil || err != nil; d, err = tfr.Next(&tfd) {
				if err != nil {
					tfr.Close()
					return nil, err
				}
				n := d.ID.Value()
				if n >= 1<<31 {
					continue // not a document number of a read-only index
				}
				for uint64(len(perDoc)) <= n {
					perDoc = append(perDoc, nil)
				}
				perDoc[n] = append(perDoc[n], ti)
			}
			tfr.Close()
		}
	}
	t.offs = make([]uint32, 0, len(perDoc)+1)
	for _, vs := range perDoc {
		t.offs = append(t.offs, uint32(len(t.vals)))
		t.vals = append(t.vals, vs...)
	}
	t.offs = append(t.offs, uint32(len(t.vals)))
	return t, nil
}

// values lists every value of a field that some document has.
func (t *facetTable) values(param string) []string {
	var out []string
	for i, term := range t.terms {
		if facetFields[t.field[i]].param == param {
			out = append(out, term)
		}
	}
	return out
}

// facetCounter counts the facet values of a search's hits.
type facetCounter struct {
	t      *facetTable
	skip   string  // a facet not shown
	counts []int32 // per value in t.terms
}

// counter starts counting the facets of one search, all but skip.
func (t *facetTable) counter(skip string) *facetCounter {
	return &facetCounter{t: t, skip: skip, counts: make([]int32, len(t.terms))}
}

func (c *facetCounter) add(id bindex.IndexInternalID) {
	n := id.Value()
	if n+1 < uint64(len(c.t.offs)) {
		for _, v := range c.t.vals[c.t.offs[n]:c.t.offs[n+1]] {
			c.counts[v]++
		}
	}
}

// addAllBut counts the documents of base (whose counts are baseCounts)
// that are not in lacking: from base's counts less those of the
// documents taken out when these are fewer, else document by document.
// Either way it visits at most half of base.
func (c *facetCounter) addAllBut(base, lacking *roaring.Bitmap, baseCounts []int32) {
	out := roaring.And(base, lacking)
	if 2*out.GetCardinality() < base.GetCardinality() {
		for v, n := range baseCounts {
			c.counts[v] += n
		}
		c.addEach(out, -1)
		return
	}
	c.addEach(roaring.AndNot(base, out), 1)
}

// addEach adds d to the counts of every value of the documents in set.
func (c *facetCounter) addEach(set *roaring.Bitmap, d int32) {
	var buf [256]uint32
	it := set.ManyIterator()
	for k := it.NextMany(buf[:]); k > 0; k = it.NextMany(buf[:]) {
		for _, n := range buf[:k] {
			if int(n)+1 < len(c.t.offs) {
				for _, v := range c.t.vals[c.t.offs[n]:c.t.offs[n+1]] {
					c.counts[v] += d
				}
			}
		}
	}
}

// countsOf is the count of each value in t.terms over the documents of
// set, made once per name (an index's sets do not change).
func (t *facetTable) countsOf(name string, set *roaring.Bitmap) []int32 {
	t.countsMu.Lock()
	defer t.countsMu.Unlock()
	if c, ok := t.baseCounts[name]; ok {
		return c
	}
	c := &facetCounter{t: t, counts: make([]int32, len(t.terms))}
	c.addEach(set, 1)
	if t.baseCounts == nil {
		t.baseCounts = map[string][]int32{}
	}
	t.baseCounts[name] = c.counts
	return c.counts
}

// result is the counted facets: the most common values of each, at most
// maxFacetValues, most common first, then by value.
func (c *facetCounter) result() map[string][]FacetValue {
	sizes := make([]int, len(facetFields)) // how many values of each are counted
	for v, n := range c.counts {
		if n > 0 {
			sizes[c.t.field[v]]++
		}
	}
	out := map[string][]FacetValue{}
	for fi, f := range facetFields {
		if sizes[fi] > 0 && f.param != c.skip {
			out[f.param] = make([]FacetValue, 0, sizes[fi])
		}
	}
	for v, n := range c.counts {
		if param := facetFields[c.t.field[v]].param; n > 0 && param != c.skip {
			out[param] = append(out[param], FacetValue{Value: c.t.terms[v], Count: int(n)})
		}
	}
	for param, vals := range out {
		slices.SortFunc(vals, func(a, b FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		out[param] = vals[:min(len(vals), maxFacetValues)]
	}
	return out
}

// withHitCounter makes the searches in ctx pass each hit to c before
// bleve's own collector keeps or drops it: bleve's hook for a collector's
// handler (search.MakeDocumentMatchHandlerKey), around its default one.
func withHitCounter(ctx context.Context, c *facetCounter) context.Context {
	var mk search.MakeDocumentMatchHandler = func(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sc)
		if err != nil {
			return nil, false, err
		}
		return func(dm *search.DocumentMatch) error {
			if dm != nil {
				c.add(dm.IndexInternalID)
			}
			return next(dm)
		}, loadID, nil
	}
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, mk)
}
