package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of the index.
const (
	fTitle       = "title"
	fDescription = "description"
	fBody        = "body"
	fHeadings    = "headings"
	fWords       = "words"
	fURL         = "url"
	fType        = "type"
	fTags        = "tags"
	fTopics      = "topics"
	fAudience    = "audience"
	fLanguage    = "language"
	fState       = "state"
	fLocation    = "location"
	fLat         = "lat" // stored to compute a hit's distance
	fLon         = "lon"
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

func newMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = store // needed to highlight snippets
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	words := bleve.NewTextFieldMapping()
	words.Analyzer = simple.Name // lower case, no stemming: prefixes of what people type
	words.Store = false
	words.IncludeInAll = false
	words.IncludeTermVectors = false
	words.DocValues = false

	url := bleve.NewTextFieldMapping()
	url.Index = false
	url.Store = true
	url.IncludeInAll = false
	url.DocValues = false

	geo := bleve.NewGeoPointFieldMapping()
	geo.Store = false
	geo.IncludeInAll = false

	coord := bleve.NewNumericFieldMapping()
	coord.Index = false
	coord.Store = true
	coord.IncludeInAll = false
	coord.DocValues = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fLat, coord)
	doc.AddFieldMappingsAt(fLon, coord)
	doc.AddFieldMappingsAt(fTitle, text(true))
	doc.AddFieldMappingsAt(fDescription, text(true))
	doc.AddFieldMappingsAt(fBody, text(true))
	doc.AddFieldMappingsAt(fHeadings, text(false))
	doc.AddFieldMappingsAt(fWords, words)
	doc.AddFieldMappingsAt(fURL, url)
	doc.AddFieldMappingsAt(fType, kw(true))
	doc.AddFieldMappingsAt(fTags, kw(false))
	doc.AddFieldMappingsAt(fTopics, kw(false))
	doc.AddFieldMappingsAt(fAudience, kw(false))
	doc.AddFieldMappingsAt(fLanguage, kw(false))
	doc.AddFieldMappingsAt(fState, kw(false))
	doc.AddFieldMappingsAt(fLocation, geo)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
