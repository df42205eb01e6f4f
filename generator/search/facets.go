package search

import (
	"context"
	"slices"
	"strings"

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
// number, the values it has.
type facetTable struct {
	terms [][]string  // facetFields[i]'s values
	docs  [][][]int32 // facetFields[i] -> document number -> indexes into terms[i]
}

// loadFacets reads the facet fields of every document in the index.
func loadFacets(r bindex.IndexReader) (*facetTable, error) {
	t := &facetTable{terms: make([][]string, len(facetFields)), docs: make([][][]int32, len(facetFields))}
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
		t.terms[fi] = terms
		for ti, term := range terms {
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
				for uint64(len(t.docs[fi])) <= n {
					t.docs[fi] = append(t.docs[fi], nil)
				}
				t.docs[fi][n] = append(t.docs[fi][n], int32(ti))
			}
			tfr.Close()
		}
	}
	return t, nil
}

// values lists every value of a field that some document has.
func (t *facetTable) values(param string) []string {
	for fi, f := range facetFields {
		if f.param == param {
			return t.terms[fi]
		}
	}
	return nil
}

// facetCounter counts the facet values of a search's hits.
type facetCounter struct {
	t      *facetTable
	fields []int     // the indexes in facetFields counted
	counts [][]int32 // per facetFields index, per value
}

// counter starts counting the facets of one search, all but skip.
func (t *facetTable) counter(skip string) *facetCounter {
	c := &facetCounter{t: t, counts: make([][]int32, len(facetFields))}
	for fi, f := range facetFields {
		if f.param != skip {
			c.fields = append(c.fields, fi)
			c.counts[fi] = make([]int32, len(t.terms[fi]))
		}
	}
	return c
}

func (c *facetCounter) add(id bindex.IndexInternalID) {
	n := id.Value()
	for _, fi := range c.fields {
		if docs := c.t.docs[fi]; n < uint64(len(docs)) {
			for _, v := range docs[n] {
				c.counts[fi][v]++
			}
		}
	}
}

// result is the counted facets: the most common values of each, at most
// maxFacetValues, most common first, then by value.
func (c *facetCounter) result() map[string][]FacetValue {
	out := map[string][]FacetValue{}
	for _, fi := range c.fields {
		var vals []FacetValue
		for v, n := range c.counts[fi] {
			if n > 0 {
				vals = append(vals, FacetValue{Value: c.t.terms[fi][v], Count: int(n)})
			}
		}
		slices.SortFunc(vals, func(a, b FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		if len(vals) > 0 {
			out[facetFields[fi].param] = vals[:min(len(vals), maxFacetValues)]
		}
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
