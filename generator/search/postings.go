package search

import (
	"context"
	"math"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The postings of the commonest terms are read into memory at Open.
// bleve's postings iterator, asked to skip ahead in a term's list while
// keeping each document's frequency and norm (as scoring needs), steps
// through the list one document at a time: a search that has a rare
// word and a common one ("synthetic material 123" on the synthetic site,
// where "synthetic" is in every title and body) walks the whole list of
// the common one in each text field, and so do the phrase and title
// clauses. The profile of the synthetic site's query mix put two thirds
// of a search's CPU time there. An in-memory list skips by binary
// search. bleve's own searchers and scorer run on it unchanged (the
// search's index reader is wrapped, memPostings.reader), so scores,
// totals and order are exactly those of the index's own lists.
//
// A term's list is kept when the term is in at least memShare of the
// documents of a text field (and the index has minCommonDocs documents
// or more); its documents as numbers, frequencies, and norms shared per
// field and document (bleve's norm depends on the field's length only:
// a term whose norms differ is not kept). Title terms keep their
// positions too, for the phrase clause.
const memShare = 0.1

// memPostings holds the in-memory lists of an open index.
type memPostings struct {
	r      bindex.IndexReader  // for reading a list on first use
	least  uint64              // the fewest documents a kept list has
	terms  map[string]*memList // field + "\x00" + term
	fields map[string]*memField
}

// memField holds what the kept lists of one field share. A list is read
// under mu, which keeps norms' unset entries (NaN) to one writer; a set
// entry never changes.
type memField struct {
	mu    sync.Mutex
	norms []float32 // norm by document number
}

// memList is one term's list in one field, read on first use.
type memList struct {
	field string
	term  string
	once  sync.Once
	kept  bool // the list is long enough and was read
	err   error
	docs  []uint32
	freqs []uint16
	// locs holds title positions, 3 numbers a position (pos, start,
	// end); locAt[i] is where document i's start (one more at the end)
	locs  []uint32
	locAt []uint32
}

// vectorFields are the fields whose lists keep positions.
var vectorFields = map[string]bool{fTitle: true}

// loadPostings reads the lists of the terms in at least share of the
// documents of a text field, or nothing for an index of fewer than
// minDocs documents. The terms are found from the dictionaries (the
// words in that many documents, as written for the words field, and
// their stems): the index's own term dictionaries do not count
// documents.
func loadPostings(r bindex.IndexReader, ix *index, minDocs int, share float64) (*memPostings, error) {
	n, err := r.DocCount()
	if err != nil || n < uint64(minDocs) || n == 0 {
		return nil, err
	}
	least := uint64(math.Ceil(share * float64(n)))
	seen := map[string]bool{}
	var terms []string
	for _, a := range analyses {
		voc := ix.vocab[a]
		if voc == nil {
			continue
		}
		for w, df := range voc.df {
			if uint64(df) < least {
				continue
			}
			for _, t := range append(analyze(ix.analyzer[a], w), w) {
				if !seen[t] {
					seen[t] = true
					terms = append(terms, t)
				}
			}
		}
	}
	m := &memPostings{r: r, least: least, terms: map[string]*memList{}, fields: map[string]*memField{}}
	for _, field := range append(slices.Clone(textFields), fWords) {
		norms := make([]float32, n)
		for i := range norms {
			norms[i] = float32(math.NaN())
		}
		m.fields[field] = &memField{norms: norms}
		for _, term := range terms {
			m.terms[field+"\x00"+term] = &memList{field: field, term: term}
		}
	}
	return m, nil
}

// list is the kept list of term in field, read on first use, or nil.
func (m *memPostings) list(field, term string) (*memList, error) {
	l := m.terms[field+"\x00"+term]
	if l == nil {
		return nil, nil
	}
	l.once.Do(func() {
		f := m.fields[field]
		f.mu.Lock()
		defer f.mu.Unlock()
		l.kept, l.err = l.read(m.r, f.norms, m.least)
	})
	if l.err != nil || !l.kept {
		return nil, l.err
	}
	return l, nil
}

// read reads the list, if it has at least least documents; ok is false
// when it is shorter or cannot be kept.
func (l *memList) read(r bindex.IndexReader, norms []float32, least uint64) (ok bool, err error) {
	field := l.field
	vectors := vectorFields[field]
	tfr, err := r.TermFieldReader(context.Background(), []byte(l.term), field, true, true, vectors)
	if err != nil {
		return false, err
	}
	defer tfr.Close()
	if tfr.Count() < least {
		return false, nil
	}
	// Norms are set only once the whole list is known to be kept.
	type pending struct {
		n  uint64
		nv float32
	}
	var set []pending
	ok = true
	var tfd bindex.TermFieldDoc
	for d, err := tfr.Next(&tfd); d != nil || err != nil; d, err = tfr.Next(tfd.Reset()) {
		if err != nil {
			return false, err
		}
		n := d.ID.Value()
		if n >= uint64(len(norms)) || d.Freq > math.MaxUint16 {
			ok = false
			continue
		}
		switch nv := float32(d.Norm); {
		case float64(nv) != d.Norm:
			ok = false
		case math.IsNaN(float64(norms[n])):
			set = append(set, pending{n, nv})
		case norms[n] != nv:
			ok = false
		}
		l.docs = append(l.docs, uint32(n))
		l.freqs = append(l.freqs, uint16(d.Freq))
		if vectors {
			l.locAt = append(l.locAt, uint32(len(l.locs)))
			for _, v := range d.Vectors {
				if len(v.ArrayPositions) > 0 || v.Field != field || v.Pos > math.MaxUint32 || v.End > math.MaxUint32 {
					ok = false
				}
				l.locs = append(l.locs, uint32(v.Pos), uint32(v.Start), uint32(v.End))
			}
		}
	}
	if vectors {
		l.locAt = append(l.locAt, uint32(len(l.locs)))
	}
	if !ok {
		l.docs, l.freqs, l.locs, l.locAt = nil, nil, nil, nil
		return false, nil
	}
	for _, p := range set {
		if math.IsNaN(float64(norms[p.n])) {
			norms[p.n] = p.nv
		} else if norms[p.n] != p.nv {
			// The same document twice in the list with two norms.
			l.docs, l.freqs, l.locs, l.locAt = nil, nil, nil, nil
			return false, nil
		}
	}
	l.docs = slices.Clip(l.docs)
	l.freqs = slices.Clip(l.freqs)
	return true, nil
}

// size is about how many bytes the lists read so far take, and how many
// they are.
func (m *memPostings) size() (bytes, lists int) {
	if m == nil {
		return 0, 0
	}
	for _, l := range m.terms {
		bytes += len(l.term) + 100
		if l.kept {
			lists++
			bytes += 6*len(l.docs) + 4*len(l.locs) + 4*len(l.locAt)
		}
	}
	for _, f := range m.fields {
		bytes += 4 * len(f.norms)
	}
	return bytes, lists
}

// memReader is an index reader that reads the kept lists from memory and
// everything else from the index.
type memReader struct {
	bindex.IndexReader
	m *memPostings
}

func (r memReader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (bindex.TermFieldReader, error) {
	if !includeTermVectors || vectorFields[field] {
		l, err := r.m.list(field, string(term))
		if err != nil {
			return nil, err
		}
		if l != nil {
			return &memTermReader{l: l, norms: r.m.fields[field].norms, at: -1,
				freq: includeFreq, norm: includeNorm, vectors: includeTermVectors}, nil
		}
	}
	return r.IndexReader.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
}

// memTermReader reads one kept list, as bleve's own reader would.
type memTermReader struct {
	l                   *memList
	norms               []float32
	at                  int // the current document's index in l.docs
	freq, norm, vectors bool
}

func (t *memTermReader) fill(rv *bindex.TermFieldDoc) *bindex.TermFieldDoc {
	if rv == nil {
		rv = &bindex.TermFieldDoc{}
	}
	n := t.l.docs[t.at]
	rv.ID = bindex.NewIndexInternalID(rv.ID, uint64(n))
	if t.freq {
		rv.Freq = uint64(t.l.freqs[t.at])
	}
	if t.norm {
		rv.Norm = float64(t.norms[n])
	}
	if t.vectors {
		locs := t.l.locs[t.l.locAt[t.at]:t.l.locAt[t.at+1]]
		k := len(locs) / 3
		if cap(rv.Vectors) < k {
			rv.Vectors = make([]*bindex.TermFieldVector, k)
			backing := make([]bindex.TermFieldVector, k)
			for i := range backing {
				rv.Vectors[i] = &backing[i]
			}
		}
		rv.Vectors = rv.Vectors[:k]
		for i := range k {
			*rv.Vectors[i] = bindex.TermFieldVector{Field: t.l.field,
				Pos: uint64(locs[3*i]), Start: uint64(locs[3*i+1]), End: uint64(locs[3*i+2])}
		}
	}
	return rv
}

func (t *memTermReader) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	if t.at+1 >= len(t.l.docs) {
		t.at = len(t.l.docs)
		return nil, nil
	}
	t.at++
	return t.fill(pre), nil
}

// Advance moves to the first document at or after id, backwards too, as
// bleve's reader does.
func (t *memTermReader) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	v := id.Value()
	from := min(t.at+1, len(t.l.docs))
	if t.at >= 0 && len(t.l.docs) > 0 && uint64(t.l.docs[min(t.at, len(t.l.docs)-1)]) >= v {
		from = 0
	}
	rest := t.l.docs[from:]
	// Gallop, then search: most skips are short.
	hi := 1
	for hi < len(rest) && uint64(rest[hi-1]) < v {
		hi *= 2
	}
	hi = min(hi, len(rest))
	i, _ := slices.BinarySearchFunc(rest[:hi], v, func(d uint32, v uint64) int {
		switch {
		case uint64(d) < v:
			return -1
		case uint64(d) > v:
			return 1
		}
		return 0
	})
	t.at = from + i
	if t.at >= len(t.l.docs) {
		return nil, nil
	}
	return t.fill(pre), nil
}

func (t *memTermReader) Count() uint64 { return uint64(len(t.l.docs)) }
func (t *memTermReader) Close() error  { return nil }
func (t *memTermReader) Size() int     { return 64 }

// withPostings makes q read the kept lists of m.
func withPostings(q query.Query, m *memPostings) query.Query {
	if m == nil {
		return q
	}
	return postingsQuery{q, m}
}

type postingsQuery struct {
	q query.Query
	m *memPostings
}

func (p postingsQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	return p.q.Searcher(ctx, memReader{r, p.m}, m, o)
}
