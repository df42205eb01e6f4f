package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Common words are matched by exclusion. A word in many of the documents
// (on the synthetic 10,000-material site "hotline" is in 10,409 of
// 11,000, "passport" in a few thousand) costs most when searched as the
// other words are: bleve walks its postings in each of the four text
// fields and scores every document it finds, yet its weight in a score is
// slight. So at Open the index lists, for every term in more than
// commonShare of the documents, the documents that lack the term in every
// text field. A search made only of such words (and stop words) counts
// its documents and facets from those sets and has bleve rank only the
// documents with a word in a title, heading or description, scored there.
// A misspelt word is such a word when the table lists one of its
// corrections; the documents with its other forms, and for the last word
// those with a title or heading word it starts, are taken out of its set
// once (lackingWord). The documents found are the same as bleve's full
// search finds (TestTableSearchAgrees); only the body's share of the
// score is left out.

// Bounds of the table of common terms: a term must be in more than
// commonShare of the documents, and at most maxCommonTerms terms are kept
// (the commonest). An index of fewer than minCommonDocs documents is
// cheap to search whole and keeps no table.
const (
	commonShare    = 0.05
	maxCommonTerms = 1000
	minCommonDocs  = 1000
)

// textFields are the fields a word of a search is looked for in.
var textFields = []string{fTitle, fHeadings, fDescription, fBody}

// loadCommon lists, for each of the commonest terms, the documents (by
// their numbers) that have it in no text field. The terms are the stems
// of the dictionaries' words in more than share of the documents:
// the index's own term dictionaries count segments, not documents.
func loadCommon(r bindex.IndexReader, ix *index, minDocs int, share float64) (map[string]*roaring.Bitmap, error) {
	n, err := r.DocCount()
	if err != nil || n < uint64(minDocs) || n == 0 {
		return nil, err
	}
	type tc struct {
		term string
		df   int32
	}
	var terms []tc
	seen := map[string]bool{}
	for _, a := range analyses {
		voc := ix.vocab[a]
		if voc == nil {
			continue
		}
		for w, df := range voc.df {
			if float64(df) <= share*float64(n) {
				continue
			}
			st := analyze(ix.analyzer[a], w)
			if len(st) != 1 || seen[st[0]] {
				continue
			}
			seen[st[0]] = true
			terms = append(terms, tc{st[0], df})
		}
	}
	slices.SortFunc(terms, func(a, b tc) int {
		if a.df != b.df {
			return int(b.df - a.df)
		}
		return strings.Compare(a.term, b.term)
	})
	terms = terms[:min(len(terms), maxCommonTerms)]
	if len(terms) == 0 {
		return nil, nil
	}
	all := roaring.New()
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	for id, err := dr.Next(); id != nil || err != nil; id, err = dr.Next() {
		if err != nil {
			dr.Close()
			return nil, err
		}
		v := id.Value()
		if v >= 1<<32 {
			dr.Close()
			return nil, nil // not numbered as expected: keep no table
		}
		all.Add(uint32(v))
	}
	dr.Close()
	ix.allDocs = all
	out := map[string]*roaring.Bitmap{}
	for _, t := range terms {
		has := roaring.New()
		for _, f := range textFields {
			tfr, err := r.TermFieldReader(context.Background(), []byte(t.term), f, false, false, false)
			if err != nil {
				return nil, err
			}
			var tfd bindex.TermFieldDoc
			for d, err := tfr.Next(&tfd); d != nil || err != nil; d, err = tfr.Next(&tfd) {
				if err != nil {
					tfr.Close()
					return nil, err
				}
				has.Add(uint32(d.ID.Value()))
			}
			tfr.Close()
		}
		if float64(has.GetCardinality()) <= share*float64(n) {
			continue
		}
		lack := roaring.AndNot(all, has)
		lack.RunOptimize()
		out[t.term] = lack
	}
	return out, nil
}

// excluding keeps, of what q finds, the documents not in lacking, read
// as a dense bitmap: a filtered search asks it of every document it finds.
// (bleve's CustomFilterQuery would load each hit's identifier to ask.)
func excluding(q query.Query, lacking *roaring.Bitmap) query.Query {
	return excludeQuery{q, lacking.ToDense()}
}

type excludeQuery struct {
	q       query.Query
	lacking []uint64 // bit n%64 of word n/64 for document n
}

func (e excludeQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := e.q.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	keep := func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		n := d.IndexInternalID.Value()
		return n/64 >= uint64(len(e.lacking)) || e.lacking[n/64]&(1<<(n%64)) == 0
	}
	return searcher.NewFilteringSearcher(ctx, s, keep), nil
}

// commonSearch answers a search made only of common words, with no
// filter but the language, from the table: the documents found are all
// those of the language but those that lack a word, so their number and
// facets are known from the table, and bleve visits only the documents
// that have a word in a title, heading or description, to rank them. ok
// is false when those are too few to fill the page asked for: the search
// then runs as any other.
func (h *Handler) commonSearch(ctx context.Context, ix *index, p params, plan []wordPlan, fc *facetCounter) (sr *bleve.SearchResult, ok bool, err error) {
	if len(plan) == 0 || len(p.Filters) > 0 || p.Near != nil {
		return nil, false, nil
	}
	base := ix.allDocs
	if p.keepLang != "" {
		base = ix.langDocs[p.keepLang]
	}
	if base == nil {
		return nil, false, nil
	}
	var lacking []*roaring.Bitmap
	for _, wp := range plan {
		switch {
		case wp.common:
			lacking = append(lacking, wp.lacking)
		case !wp.stop:
			return nil, false, nil
		}
	}
	if len(lacking) == 0 {
		return nil, false, nil
	}
	lack := roaring.FastOr(lacking...)
	req := newRequestWith(p, plan, false, true)
	req.Query = excluding(req.Query, lack)
	if sr, err = h.search(ctx, ix, req); err != nil {
		return nil, false, err
	}
	if sr.Total < uint64(p.Page*p.Size) {
		return nil, false, nil
	}
	h.commonAnswers.Add(1)
	found := roaring.AndNot(base, lack)
	sr.Total = found.GetCardinality()
	if fc != nil {
		fc.addAllBut(base, lack, ix.facets.countsOf(p.keepLang, base))
	}
	return sr, true, nil
}

// langSets are the documents of each language, by number.
func langSets(t *facetTable) map[string]*roaring.Bitmap {
	byLang := map[string]*roaring.Bitmap{}
	for n := 0; n+1 < len(t.offs); n++ {
		for _, v := range t.vals[t.offs[n]:t.offs[n+1]] {
			if facetFields[t.field[v]].param == "language" {
				l := byLang[t.terms[v]]
				if l == nil {
					l = roaring.New()
					byLang[t.terms[v]] = l
				}
				l.Add(uint32(n))
			}
		}
	}
	return byLang
}

// maxPrefixed is how many words' lacking sets an open index keeps.
const maxPrefixed = 512

// lackingWord is the set of documents that lack a word of a search in
// every form (forms: its stems as typed and those of the words it may be
// a typo of) and, for the last word (prefix), that have no title or
// heading word it starts; or nil when the table cannot tell: no form is
// a single term the table lists, or a form is of several terms. Forms the
// table does not list are in few documents (under commonShare): their
// postings are read to take their documents out. The answer is kept per
// word (an index does not change).
func (ix *index) lackingWord(a, w string, prefix bool, forms [][]string) *roaring.Bitmap {
	if ix.lacking == nil {
		return nil
	}
	key := fmt.Sprintf("%s:%t:%s", a, prefix, w)
	if l, ok := ix.prefixed.Get(key); ok {
		return l
	}
	var sets []*roaring.Bitmap
	var rare []string
	for _, f := range forms {
		if len(f) != 1 {
			return nil
		}
		if l, ok := ix.lacking[f[0]]; ok {
			sets = append(sets, l)
		} else {
			rare = append(rare, f[0])
		}
	}
	if len(sets) == 0 {
		return nil
	}
	out := roaring.FastAnd(sets...)
	if len(sets) == 1 {
		out = sets[0].Clone()
	}
	var err error
	for _, t := range rare {
		for _, f := range textFields {
			if err == nil {
				err = ix.dropHaving(out, f, []string{t})
			}
		}
	}
	if prefix && err == nil {
		// The start of a title or heading word matches too.
		var terms []string
		if terms, err = ix.termsStarting(fWords, w); err == nil {
			err = ix.dropHaving(out, fWords, terms)
		}
	}
	if err != nil {
		return nil
	}
	out.RunOptimize()
	ix.prefixed.Add(key, out)
	return out
}

// termsStarting lists the terms of field that start with prefix.
func (ix *index) termsStarting(field, prefix string) ([]string, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dict, err := r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var terms []string
	for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
		if err != nil {
			return nil, err
		}
		terms = append(terms, e.Term)
	}
	return terms, nil
}

// dropHaving removes from set the documents with one of terms in field.
func (ix *index) dropHaving(set *roaring.Bitmap, field string, terms []string) error {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	for _, t := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
		if err != nil {
			return err
		}
		var tfd bindex.TermFieldDoc
		for d, err := tfr.Next(&tfd); d != nil || err != nil; d, err = tfr.Next(&tfd) {
			if err != nil {
				tfr.Close()
				return err
			}
			if n := d.ID.Value(); n < 1<<32 {
				set.Remove(uint32(n))
			}
		}
		tfr.Close()
	}
	return nil
}
