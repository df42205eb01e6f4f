package search

import (
	"bytes"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/letter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Field names of the index.
const (
	fTitle       = "title"
	fDescription = "description"
	fBody        = "body"
	fHeadings    = "headings"
	fWords       = "words"
	fTitleKey    = "titlekey" // the title's words, lower case, joined by spaces: exact titles
	fType        = "type"
	fTags        = "tags"
	fTopics      = "topics"
	fAudience    = "audience"
	fLanguage    = "language"
	fState       = "state"
	fLocation    = "location"
	typeField    = "_type" // not indexed: the document's analysis
)

// facetFields are the keyword fields counted for the filters of the
// results page, with the request parameter that filters on each.
var facetFields = []struct{ field, param string }{
	{fType, "type"},
	{fTopics, "topic"},
	{fAudience, "audience"},
	{fState, "state"},
	{fLanguage, "language"},
	{fTags, "tag"},
}

// textAnalyzer analyses indexed text: English, stemmed, and a dotted name
// such as "data.gov" kept whole and also split, so that "data.gov" finds
// the name and "gov" finds it too; an initialism written with periods
// ("U.S.", "D.C.") is also indexed as its letters joined, so that "us web
// design system" finds "U.S. Web Design System" and "dc" finds "D.C.".
// Queries use plain "en", which keeps a dotted name whole.
const textAnalyzer = "en_dotted"

// dottedParts is the token filter that adds the parts of a dotted name.
const dottedParts = "dotted_parts"

func init() {
	registry.RegisterTokenFilter(dottedParts, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return dottedFilter{}, nil
	})
}

type dottedFilter struct{}

func (dottedFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in
	copied := false
	for i, t := range in {
		if bytes.IndexByte(t.Term, '.') <= 0 {
			if copied {
				out = append(out, t)
			}
			continue
		}
		if !copied {
			out = append(make(analysis.TokenStream, 0, len(in)+4), in[:i+1]...)
			copied = true
		} else {
			out = append(out, t)
		}
		start := t.Start
		for _, part := range bytes.Split(t.Term, []byte{'.'}) {
			if len(part) > 0 {
				out = append(out, &analysis.Token{Term: part, Start: start, End: start + len(part),
					Position: t.Position, Type: t.Type})
			}
			start += len(part) + 1
		}
		if joined, ok := initialism(string(t.Term)); ok {
			out = append(out, &analysis.Token{Term: []byte(joined), Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type})
		}
	}
	return out
}

// Spanish text is analysed as bleve's "es" analyzer does (stop words,
// accents folded, light stemming), with dotted names as in English.
const (
	textAnalyzerES  = "es_dotted"
	wordsAnalyzerES = "es_words" // lower case, accents folded, not stemmed
)

// docMapping is the mapping of a document whose text analyses with text
// and whose title and heading words with words.
//
// The index stores nothing but each document's address (bleve's _id):
// what a result shows is in the records file beside it (records.go).
// Only the title keeps word positions, for the phrase query on it;
// snippets are made from the records, not by bleve's highlighter. Only
// the location keeps doc values, for sorting by distance: facets are read
// from the terms at Open (facets.go), and nothing else sorts.
func docMapping(textAn, wordsAn string) *mapping.DocumentMapping {
	text := func(vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAn
		f.Store = false
		f.IncludeTermVectors = vectors // positions, for phrases
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	words := bleve.NewTextFieldMapping()
	words.Analyzer = wordsAn // lower case, no stemming: prefixes of what people type
	words.Store = false
	words.IncludeInAll = false
	words.IncludeTermVectors = false
	words.DocValues = false

	geo := bleve.NewGeoPointFieldMapping()
	geo.Store = false
	geo.IncludeInAll = false
	geo.DocValues = true // SortGeoDistance reads them

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fTitle, text(true))
	doc.AddFieldMappingsAt(fDescription, text(false))
	doc.AddFieldMappingsAt(fBody, text(false))
	doc.AddFieldMappingsAt(fHeadings, text(false))
	doc.AddFieldMappingsAt(fWords, words)
	doc.AddFieldMappingsAt(fTitleKey, kw())
	doc.AddFieldMappingsAt(fType, kw())
	doc.AddFieldMappingsAt(fTags, kw())
	doc.AddFieldMappingsAt(fTopics, kw())
	doc.AddFieldMappingsAt(fAudience, kw())
	doc.AddFieldMappingsAt(fLanguage, kw())
	doc.AddFieldMappingsAt(fState, kw())
	doc.AddFieldMappingsAt(fLocation, geo)
	return doc
}

func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":      custom.Name,
		"tokenizer": unicode.Name,
		"token_filters": []any{
			en.PossessiveName, lowercase.Name, dottedParts, en.StopName, porter.Name,
		},
	}); err != nil {
		panic(err)
	}
	if err := m.AddCustomAnalyzer(textAnalyzerES, map[string]any{
		"type":      custom.Name,
		"tokenizer": unicode.Name,
		"token_filters": []any{
			lowercase.Name, dottedParts, es.StopName, es.NormalizeName, es.LightStemmerName,
		},
	}); err != nil {
		panic(err)
	}
	if err := m.AddCustomAnalyzer(wordsAnalyzerES, map[string]any{
		"type":          custom.Name,
		"tokenizer":     letter.Name,
		"token_filters": []any{lowercase.Name, es.NormalizeName},
	}); err != nil {
		panic(err)
	}
	// A document's type is its analysis (analysisOf its language): the
	// Indexer sets it in typeField.
	m.TypeField = typeField
	m.DefaultType = "en"
	m.DefaultMapping = docMapping(textAnalyzer, simple.Name)
	m.AddDocumentMapping("es", docMapping(textAnalyzerES, wordsAnalyzerES))
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
